import type { Address } from "viem";
import type { TokenEventRow } from "./types";

export class DecodeError extends Error {
  override name = "DecodeError";
}

/** What decoding one admin or governor log yields; the log's position is added by the caller. */
export type AdminFields = Omit<TokenEventRow, "blockNumber" | "txHash" | "logIndex" | "emitter">;

/** Lower-case address, or null when the event has no such argument. */
export function addr(v: unknown): Address | null {
  return typeof v === "string" ? (v.toLowerCase() as Address) : null;
}

export function amountOf(v: unknown): bigint | null {
  return typeof v === "bigint" ? v : null;
}

/** Every decoded argument as a string (jsonb has no bigint); hex lower-cased so rows compare. */
export function plainArgs(args: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(args).map(([k, v]) => [k, typeof v === "string" ? v.toLowerCase() : String(v)]),
  );
}
