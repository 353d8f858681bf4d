// Reserves and the peg (issue #17): on-chain proof-of-reserve feeds and the DEX pools where USD1
// trades, configured per deployment like chains, and the rows their logs give. Indexed by the
// market follower (lib/indexer/market) with one checkpoint per source or pool: a source added
// later is backfilled from its own start block without touching the token's checkpoint.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { address, blockNumber, hash, int256, uint256 } from "./types";

export const RESERVE_SOURCE_KINDS = ["aggregator_v3", "keystone_bundle"] as const;
export type ReserveSourceKind = (typeof RESERVE_SOURCE_KINDS)[number];
export const DEX_KINDS = ["uniswap_v3", "pancake_v3"] as const;
export type DexKind = (typeof DEX_KINDS)[number];
export const MARKET_TARGETS = ["reserve_source", "peg_pool"] as const;
export type MarketTarget = (typeof MARKET_TARGETS)[number];

/**
 * A reserve feed. aggregator_v3: the aggregator that emits AnswerUpdated (not the proxy, which
 * emits nothing). keystone_bundle: a DataFeedsCache, whose BundleReportUpdated logs carry every
 * feed it serves; `data_id` picks ours.
 */
export const reserveSources = pgTable(
  "reserve_sources",
  {
    id: serial("id").primaryKey(),
    chainId: integer("chain_id").notNull(),
    kind: text("kind", { enum: RESERVE_SOURCE_KINDS }).notNull(),
    /** Emitting contract, lower-case. */
    address: address("address").notNull(),
    /** keystone_bundle only: the bytes16 dataId of the feed in the cache (lower-case hex). */
    dataId: text("data_id"),
    /** Decimals of the reported figure (USD1 PoR: 18); reserves_wei rescales it to 18 exactly. */
    decimals: integer("decimals").notNull(),
    label: text("label").notNull(),
    /** First block to index (the feed's deployment or a little before). */
    startBlock: blockNumber("start_block").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("reserve_sources_chain_address_uq").on(t.chainId, t.address, t.dataId),
    check("reserve_sources_kind_check", sql`${t.kind} in ('aggregator_v3', 'keystone_bundle')`),
    check("reserve_sources_decimals_check", sql`${t.decimals} between 0 and 77`),
    check(
      "reserve_sources_data_id_check",
      sql`(${t.kind} = 'keystone_bundle') = (${t.dataId} is not null)`,
    ),
  ],
);

/** One reserve report as emitted on chain. */
export const reserveReports = pgTable(
  "reserve_reports",
  {
    sourceId: integer("source_id")
      .notNull()
      .references(() => reserveSources.id),
    chainId: integer("chain_id").notNull(),
    blockNumber: blockNumber("block_number").notNull(),
    blockHash: hash("block_hash").notNull(),
    txHash: hash("tx_hash").notNull(),
    logIndex: integer("log_index").notNull(),
    /** aggregator_v3: the round; null for bundle reports. */
    roundId: uint256("round_id"),
    /** The figure as reported, in the source's decimals (may be negative for an int256 answer). */
    answer: int256("answer").notNull(),
    /** The figure scaled to 18 decimals exactly (a source with more decimals must divide evenly). */
    reservesWei: int256("reserves_wei").notNull(),
    /** The feed's updatedAt (AnswerUpdated) or the bundle's own timestamp. */
    reportedAt: timestamp("reported_at", { withTimezone: true }).notNull(),
    blockTime: timestamp("block_time", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: "reserve_reports_pk", columns: [t.chainId, t.blockNumber, t.logIndex] }),
    index("reserve_reports_source_time_idx").on(t.sourceId, t.reportedAt),
    index("reserve_reports_block_time_idx").on(t.blockTime),
  ],
);

/** A concentrated-liquidity pool where USD1 trades against a quote token (USDT, USDC). */
export const pegPools = pgTable(
  "peg_pools",
  {
    id: serial("id").primaryKey(),
    chainId: integer("chain_id").notNull(),
    address: address("address").notNull(),
    dex: text("dex", { enum: DEX_KINDS }).notNull(),
    token0: address("token0").notNull(),
    token1: address("token1").notNull(),
    usd1IsToken0: boolean("usd1_is_token0").notNull(),
    usd1Decimals: integer("usd1_decimals").notNull(),
    quoteSymbol: text("quote_symbol").notNull(),
    quoteDecimals: integer("quote_decimals").notNull(),
    /** Fee tier in hundredths of a bip (100 = 0.01%). */
    fee: integer("fee").notNull(),
    label: text("label").notNull(),
    startBlock: blockNumber("start_block").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("peg_pools_chain_address_uq").on(t.chainId, t.address),
    check("peg_pools_dex_check", sql`${t.dex} in ('uniswap_v3', 'pancake_v3')`),
    check("peg_pools_token_order_check", sql`${t.token0} < ${t.token1}`),
  ],
);

/** One Swap log: the pool's state after the swap (price, in-range liquidity, tick) and the deltas. */
export const poolSwaps = pgTable(
  "pool_swaps",
  {
    poolId: integer("pool_id")
      .notNull()
      .references(() => pegPools.id),
    chainId: integer("chain_id").notNull(),
    blockNumber: blockNumber("block_number").notNull(),
    blockHash: hash("block_hash").notNull(),
    txHash: hash("tx_hash").notNull(),
    logIndex: integer("log_index").notNull(),
    blockTime: timestamp("block_time", { withTimezone: true }).notNull(),
    sender: address("sender").notNull(),
    recipient: address("recipient").notNull(),
    /** Pool's token deltas (signed: positive = into the pool). */
    amount0: int256("amount0").notNull(),
    amount1: int256("amount1").notNull(),
    sqrtPriceX96: uint256("sqrt_price_x96").notNull(),
    liquidity: uint256("liquidity").notNull(),
    tick: integer("tick").notNull(),
  },
  (t) => [
    primaryKey({ name: "pool_swaps_pk", columns: [t.chainId, t.blockNumber, t.logIndex] }),
    index("pool_swaps_pool_time_idx").on(t.poolId, t.blockTime),
  ],
);

/**
 * Progress of each source or pool: every log of the target up to indexed_block is stored, and
 * indexed_block_hash is the hash of that block when we read it (the next step compares it with the
 * node's; a mismatch is a reorg, rolled back to the newest stored row the node still has).
 */
export const marketCheckpoints = pgTable(
  "market_checkpoints",
  {
    target: text("target", { enum: MARKET_TARGETS }).notNull(),
    /** reserve_sources.id or peg_pools.id. */
    targetId: integer("target_id").notNull(),
    chainId: integer("chain_id").notNull(),
    indexedBlock: blockNumber("indexed_block").notNull(),
    indexedBlockHash: hash("indexed_block_hash"),
    lastReorgAt: timestamp("last_reorg_at", { withTimezone: true }),
    lastReorgDepth: integer("last_reorg_depth"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "market_checkpoints_pk", columns: [t.target, t.targetId] }),
    check("market_checkpoints_target_check", sql`${t.target} in ('reserve_source', 'peg_pool')`),
  ],
);
