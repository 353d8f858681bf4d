import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { address, blockNumber, hash, int256, uint256 } from "./types";

export const TRANSFER_KINDS = ["mint", "burn", "transfer"] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/** Event kinds emitted at the governor's address (DOMAIN.md §1b), not the token's: the real actor. */
export const GOVERNOR_EVENT_KINDS = [
  "native_mint",
  "bridge_mint",
  "native_burn",
  "bridge_burn",
  "account_frozen",
  "account_unfrozen",
  "contract_paused",
  "contract_unpaused",
  "governor_account_drained",
  "token_function_executed",
  "role_granted",
  "role_revoked",
  "governor_ownership_transferred",
  "ownership_accepted",
  "checker_updated",
  "tokens_recovered",
  "governed_tokens_recovered",
] as const;

export const TOKEN_EVENT_KINDS = [
  "issuer_mint",
  "issuer_burn",
  "freeze",
  "unfreeze",
  "pause",
  "unpause",
  "frozen_account_drained",
  "frozen_funds_reallocated",
  "ownership_transfer_started",
  "ownership_transferred",
  "upgraded",
  "admin_changed",
  // token V2 (implementation upgraded in place)
  "initialized",
  "erc20_recovered",
  "authorization_used",
  "authorization_canceled",
  ...GOVERNOR_EVENT_KINDS,
] as const;
export type TokenEventKind = (typeof TOKEN_EVENT_KINDS)[number];

/** One row per indexed deployment of the token. */
export const chains = pgTable("chains", {
  chainId: integer("chain_id").primaryKey(),
  name: text("name").notNull(),
  tokenAddress: address("token_address").notNull(),
  startBlock: blockNumber("start_block").notNull(),
  confirmations: integer("confirmations").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Headers of the blocks that hold our logs (timestamps for the rows, hashes for reorg checks).
 * Which blocks are stored depends only on the chain, never on batch boundaries, so a resumed
 * run and an uninterrupted run store the same rows.
 */
export const blocks = pgTable(
  "blocks",
  {
    chainId: integer("chain_id").notNull(),
    number: blockNumber("number").notNull(),
    hash: hash("hash").notNull(),
    parentHash: hash("parent_hash").notNull(),
    timestamp: timestamp("timestamp", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: "blocks_pk", columns: [t.chainId, t.number] })],
);

/** The public contract analysts query with SQL (README "Schema"). */
export const transfers = pgTable(
  "transfers",
  {
    chainId: integer("chain_id").notNull(),
    blockNumber: blockNumber("block_number").notNull(),
    blockTime: timestamp("block_time", { withTimezone: true }).notNull(),
    txHash: hash("tx_hash").notNull(),
    logIndex: integer("log_index").notNull(),
    fromAddress: address("from_address").notNull(),
    toAddress: address("to_address").notNull(),
    amount: uint256("amount").notNull(),
    kind: text("kind", { enum: TRANSFER_KINDS }).notNull(),
  },
  (t) => [
    primaryKey({ name: "transfers_pk", columns: [t.chainId, t.txHash, t.logIndex] }),
    index("transfers_chain_block_idx").on(t.chainId, t.blockNumber),
    index("transfers_block_time_idx").on(t.blockTime),
    index("transfers_from_idx").on(t.fromAddress, t.blockTime),
    index("transfers_to_idx").on(t.toAddress, t.blockTime),
    check("transfers_kind_check", sql`${t.kind} in ('mint', 'burn', 'transfer')`),
    check("transfers_amount_check", sql`${t.amount} >= 0`),
  ],
);


/**
 * Issuer and governance events: supervisory facts in their own right. Rows come from the token and
 * from its owner's governor contract(s); `emitter` says which (log index is unique per block, so the
 * key needs no emitter).
 */
export const tokenEvents = pgTable(
  "token_events",
  {
    chainId: integer("chain_id").notNull(),
    /** Address that emitted the log: the token, or a governor that owned it. */
    emitter: address("emitter").notNull(),
    blockNumber: blockNumber("block_number").notNull(),
    blockTime: timestamp("block_time", { withTimezone: true }).notNull(),
    txHash: hash("tx_hash").notNull(),
    logIndex: integer("log_index").notNull(),
    kind: text("kind", { enum: TOKEN_EVENT_KINDS }).notNull(),
    /** msg.sender where the event carries it (caller, pauser, ...). */
    actor: address("actor"),
    /** The account acted upon (frozen account, new owner, new implementation, ...). */
    subject: address("subject"),
    /** Second party where there is one (reallocation target, previous owner/admin). */
    counterparty: address("counterparty"),
    amount: uint256("amount"),
    args: jsonb("args").$type<Record<string, string>>().notNull(),
  },
  (t) => [
    primaryKey({ name: "token_events_pk", columns: [t.chainId, t.txHash, t.logIndex] }),
    index("token_events_chain_block_idx").on(t.chainId, t.blockNumber),
    index("token_events_time_idx").on(t.blockTime),
    // Views read token events by kind: admin actions (supply, address page), bridge events.
    index("token_events_kind_idx").on(t.kind),
  ],
);

/**
 * Governor contracts the indexer watches beside the token: the token's owner() when the indexer
 * starts, every new owner a token OwnershipTransferred names (written in the batch that holds it),
 * and an explicit --governor. Logs from these addresses are accepted only for governor events.
 * Kept after a reorg: watching one address too many costs a few empty log matches, never a wrong row.
 */
export const watchedGovernors = pgTable(
  "watched_governors",
  {
    chainId: integer("chain_id").notNull(),
    address: address("address").notNull(),
    /** owner_at_start | ownership_transferred | configured */
    source: text("source", { enum: ["owner_at_start", "ownership_transferred", "configured"] }).notNull(),
    /** Block of the OwnershipTransferred that named it, or the head block read at start. */
    sinceBlock: blockNumber("since_block").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "watched_governors_pk", columns: [t.chainId, t.address] })],
);

/**
 * Per-chain progress. Invariant: rollups (daily_supply, daily_corridor_volume, balances) cover
 * exactly blocks <= rolled_up_block <= indexed_block, and rolled_up_block never passes the
 * finalized block, so a reorg above it never has to unpick an aggregate.
 */
export const indexerCheckpoints = pgTable("indexer_checkpoints", {
  chainId: integer("chain_id").primaryKey(),
  indexedBlock: blockNumber("indexed_block").notNull(),
  /** Hash of indexed_block when we read it; the follow loop compares it with the node's. */
  indexedBlockHash: hash("indexed_block_hash"),
  rolledUpBlock: blockNumber("rolled_up_block").notNull(),
  headBlock: blockNumber("head_block"),
  finalizedBlock: blockNumber("finalized_block"),
  headSeenAt: timestamp("head_seen_at", { withTimezone: true }),
  rpcErrors: integer("rpc_errors").notNull().default(0),
  lastReorgAt: timestamp("last_reorg_at", { withTimezone: true }),
  lastReorgDepth: integer("last_reorg_depth"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Contiguous indexed block ranges; more than one row per chain means a gap. */
export const indexedRanges = pgTable(
  "indexed_ranges",
  {
    chainId: integer("chain_id").notNull(),
    fromBlock: blockNumber("from_block").notNull(),
    toBlock: blockNumber("to_block").notNull(),
  },
  (t) => [
    primaryKey({ name: "indexed_ranges_pk", columns: [t.chainId, t.fromBlock] }),
    check("indexed_ranges_order_check", sql`${t.fromBlock} <= ${t.toBlock}`),
  ],
);

/** Indexed Σmint − Σburn against on-chain totalSupply() at a block. */
export const supplyReconciliations = pgTable(
  "supply_reconciliations",
  {
    id: serial("id").primaryKey(),
    chainId: integer("chain_id").notNull(),
    blockNumber: blockNumber("block_number").notNull(),
    indexedSupply: uint256("indexed_supply").notNull(),
    onchainSupply: uint256("onchain_supply").notNull(),
    /** indexed − on-chain; negative when the index is short. */
    difference: int256("difference").notNull(),
    matches: boolean("matches").notNull(),
    checkedAt: timestamp("checked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("supply_reconciliations_chain_idx").on(t.chainId, t.blockNumber),
    uniqueIndex("supply_reconciliations_chain_block_uq").on(t.chainId, t.blockNumber),
  ],
);
