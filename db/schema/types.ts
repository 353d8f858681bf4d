import { customType } from "drizzle-orm/pg-core";
import type { Address, Hash } from "viem";

/** uint256 on the wire, exact integer in JS. Never a float. */
export const uint256 = customType<{ data: bigint; driverData: string }>({
  dataType() {
    return "numeric(78, 0)";
  },
  toDriver(value) {
    return value.toString();
  },
  fromDriver(value) {
    return BigInt(value);
  },
});

/** Lower-case 0x-prefixed 20-byte address. The indexer lower-cases before writing. */
export const address = customType<{ data: Address; driverData: string }>({
  dataType() {
    return "text";
  },
});

/** Lower-case 0x-prefixed 32-byte hash. */
export const hash = customType<{ data: Hash; driverData: string }>({
  dataType() {
    return "text";
  },
});

/** Block numbers fit in int8 for any chain we will ever see; JS side is bigint. */
export const blockNumber = customType<{ data: bigint; driverData: string | number }>({
  dataType() {
    return "bigint";
  },
  toDriver(value) {
    return value.toString();
  },
  fromDriver(value) {
    return BigInt(value);
  },
});

/** Signed 256-bit (differences, net flows). Same storage as uint256. */
export const int256 = customType<{ data: bigint; driverData: string }>({
  dataType() {
    return "numeric(78, 0)";
  },
  toDriver(value) {
    return value.toString();
  },
  fromDriver(value) {
    return BigInt(value);
  },
});
