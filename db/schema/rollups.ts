import { sql } from "drizzle-orm";
import { bigint, customType, date, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { address, blockNumber, int256, uint256 } from "./types";

/** Country code used in corridor rollups for volume we cannot attribute (never guessed). */
export const UNATTRIBUTED = "ZZ";

/**
 * Per chain and UTC day, covering finalized blocks only. `minted`/`burned` count every mint and
 * burn (so Σ(minted − burned) is the chain's totalSupply); `bridge_*` are the subset made by a
 * bridge pool (a Mint/Burn event whose caller is tagged `bridge`). Issuance = minted − bridge_minted.
 */
export const dailySupply = pgTable(
  "daily_supply",
  {
    chainId: integer("chain_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    minted: uint256("minted")
      .notNull()
      .default(sql`0`),
    burned: uint256("burned")
      .notNull()
      .default(sql`0`),
    mintCount: integer("mint_count").notNull().default(0),
    burnCount: integer("burn_count").notNull().default(0),
    bridgeMinted: uint256("bridge_minted")
      .notNull()
      .default(sql`0`),
    bridgeBurned: uint256("bridge_burned")
      .notNull()
      .default(sql`0`),
    bridgeMintCount: integer("bridge_mint_count").notNull().default(0),
    bridgeBurnCount: integer("bridge_burn_count").notNull().default(0),
    transferCount: integer("transfer_count").notNull().default(0),
    transferVolume: uint256("transfer_volume")
      .notNull()
      .default(sql`0`),
  },
  (t) => [primaryKey({ name: "daily_supply_pk", columns: [t.chainId, t.day] })],
);

/**
 * Corridor volume per UTC day, chain and origin → destination country (ZZ = unattributed).
 * Derived from transfers and the registry; recomputed when attribution changes.
 */
export const dailyCorridorVolume = pgTable(
  "daily_corridor_volume",
  {
    chainId: integer("chain_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    originCountry: text("origin_country").notNull(),
    destinationCountry: text("destination_country").notNull(),
    transferCount: integer("transfer_count").notNull().default(0),
    volume: uint256("volume")
      .notNull()
      .default(sql`0`),
    /** Excludes intra-entity, bridge and primary-market transfers. */
    adjustedCount: integer("adjusted_count").notNull().default(0),
    adjustedVolume: uint256("adjusted_volume")
      .notNull()
      .default(sql`0`),
    intraEntityVolume: uint256("intra_entity_volume")
      .notNull()
      .default(sql`0`),
    bridgeVolume: uint256("bridge_volume")
      .notNull()
      .default(sql`0`),
    /**
     * Primary market: the issuer's distributions and redemptions (a side is a watched governor or
     * tagged `treasury`), not payments. Excluded from adjusted volume like intra-entity and bridge.
     */
    primaryCount: integer("primary_count").notNull().default(0),
    primaryVolume: uint256("primary_volume")
      .notNull()
      .default(sql`0`),
  },
  (t) => [
    primaryKey({
      name: "daily_corridor_volume_pk",
      columns: [t.chainId, t.day, t.originCountry, t.destinationCountry],
    }),
    index("daily_corridor_volume_day_idx").on(t.day),
  ],
);

/** Balances as of the chain's rolled-up (finalized) block. */
export const balances = pgTable(
  "balances",
  {
    chainId: integer("chain_id").notNull(),
    address: address("address").notNull(),
    balance: int256("balance")
      .notNull()
      .default(sql`0`),
    received: uint256("received")
      .notNull()
      .default(sql`0`),
    sent: uint256("sent")
      .notNull()
      .default(sql`0`),
    transferCount: bigint("transfer_count", { mode: "number" }).notNull().default(0),
    firstSeenBlock: blockNumber("first_seen_block").notNull(),
    lastSeenBlock: blockNumber("last_seen_block").notNull(),
  },
  (t) => [
    primaryKey({ name: "balances_pk", columns: [t.chainId, t.address] }),
    index("balances_top_idx").on(t.chainId, sql`${t.balance} desc`),
  ],
);

/** Unbounded exact integer (numeric without precision): Σ of squared uint256 balances needs > 78 digits. */
const exactSum = customType<{ data: bigint; driverData: string }>({
  dataType() {
    return "numeric";
  },
  toDriver(value) {
    return value.toString();
  },
  fromDriver(value) {
    return BigInt(value);
  },
});

/**
 * Each address's finalized balance summed over every chain (= Σ balances.balance), kept by
 * advanceRollups in the transaction that updates `balances`. One row for every address that has a
 * balances row, zero sums included, so the rows do not depend on how the history was batched.
 * Feeds the cross-chain holder ranking (top-N by the balance index) without grouping `balances`.
 */
export const addressTotals = pgTable(
  "address_totals",
  {
    address: address("address").primaryKey(),
    balance: int256("balance").notNull(),
  },
  (t) => [index("address_totals_top_idx").on(sql`${t.balance} desc`, t.address)],
);

/**
 * Holder statistics over positive finalized balances, kept by advanceRollups with `balances`:
 * one row per chain (over its balances rows) and the row chain_id = 0 for the cross-chain view
 * (over address_totals). A row exists once its chain (or, for 0, any chain) has a balances row.
 */
export const holderStats = pgTable("holder_stats", {
  /** 0 = every chain, an address's balances summed (address_totals). */
  chainId: integer("chain_id").primaryKey(),
  /** Addresses with a positive balance. */
  holders: bigint("holders", { mode: "number" }).notNull(),
  /** Σ positive balances. */
  total: exactSum("total").notNull(),
  /** Σ positive balance². */
  sumSquares: exactSum("sum_squares").notNull(),
});
