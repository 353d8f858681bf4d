// The transactions view's filter and its SQL: what a filter names, the registry addresses behind
// its attribution filters, and the WHERE clause over `transfers t` with the attribution joins
// (shared by the list, the counts and the exports).
import { sql, type SQL } from "drizzle-orm";
import type { Address, Hash } from "viem";
import type { Db } from "../client";
import type { TransferKind } from "../schema/chain";
import { UNATTRIBUTED } from "../schema/rollups";
import { CORRIDOR_FLOW_SQL, CORRIDOR_KIND, corridorAttribution as a } from "./rollups";
import { pgArray, rowsOf } from "./sql-arrays";

/**
 * Which transfers of a corridor: as counted in adjusted volume, or one of the exclusions
 * (rollups.ts CORRIDOR_FLOW_SQL), in order of precedence of the rollup. The transactions view
 * offers every one (components/transactions/results.tsx keys its labels by this list).
 */
export const CORRIDOR_FLOWS = ["adjusted", "intra", "bridge", "primary"] as const;
/** The flows the transactions view and its exports accept (`?flow=`): every corridor category. */
export const TRANSFER_FLOWS = CORRIDOR_FLOWS;
export type TransferFlow = (typeof CORRIDOR_FLOWS)[number];

export type TransactionFilter = {
  chainId?: number | undefined;
  txHash?: Hash | undefined;
  /** Either side. */
  address?: Address | undefined;
  kind?: TransferKind | undefined;
  /** Inclusive bounds in wei. */
  minAmount?: bigint | undefined;
  maxAmount?: bigint | undefined;
  /**
   * Block time bounds: since inclusive, until exclusive. Whole UTC days (00:00Z) select the same
   * transfers as those days of the corridor rollup.
   */
  since?: Date | undefined;
  until?: Date | undefined;
  /** Either side's entity. */
  entityId?: number | undefined;
  /** Either side's attributed country ("ZZ" = unattributed). */
  country?: string | undefined;
  /** Corridor sides; either one restricts the rows to plain transfers, as the rollup does. */
  origin?: string | undefined;
  destination?: string | undefined;
  flow?: TransferFlow | undefined;
  /** Only blocks the rollups already cover (<= the chain's rolled-up block). */
  finalizedOnly?: boolean | undefined;
};

/**
 * Registry addresses behind the attribution filters (any chain: a superset of the exact test).
 * Passed as literal arrays, so the planner knows their size and hashes them in rechecks (an
 * InitPlan array of thousands of addresses was compared linearly per row: 37 s).
 */
export type ResolvedAttribution = {
  entity?: string[];
  country?: string[];
  origin?: string[];
  destination?: string[];
};

/** Attribution filters naming an unattributed side (ZZ) have no address list: they stay as they are. */
export async function resolveAttribution(db: Db, f: TransactionFilter): Promise<ResolvedAttribution> {
  const out: ResolvedAttribution = {};
  const list = async (where: SQL) =>
    rowsOf<{ address: string }>(
      await db.execute(sql`select distinct a.address from addresses a join entities e on e.id = a.entity_id
        where ${where}`),
    ).map((r) => r.address);
  const ofCountry = (c: string | undefined) =>
    c === undefined || c === UNATTRIBUTED ? Promise.resolve(undefined) : list(sql`e.country = ${c}`);
  if (f.entityId !== undefined) out.entity = await list(sql`e.id = ${f.entityId}`);
  const [country, origin, destination] = [
    await ofCountry(f.country),
    await ofCountry(f.origin),
    await ofCountry(f.destination),
  ];
  if (country) out.country = country;
  if (origin) out.origin = origin;
  if (destination) out.destination = destination;
  return out;
}

/** The WHERE clause of a filter over `transfers t` joined with the attribution joins. */
export function transactionWhere(f: TransactionFilter, resolved?: ResolvedAttribution): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.chainId !== undefined) parts.push(sql`t.chain_id = ${f.chainId}`);
  if (f.txHash) {
    parts.push(sql`t.tx_hash = ${f.txHash.toLowerCase()}`);
    // transfers_pk is (chain_id, tx_hash, log_index): one index descent per chain.
    if (f.chainId === undefined) {
      parts.push(sql`t.chain_id = any(array(select chain_id from chains
        union select chain_id from indexer_checkpoints))`);
    }
  }
  if (f.address) {
    const addr = f.address.toLowerCase();
    parts.push(sql`(t.from_address = ${addr} or t.to_address = ${addr})`);
  }
  const corridor = f.origin !== undefined || f.destination !== undefined;
  if (corridor) parts.push(sql`t.kind = ${CORRIDOR_KIND}`);
  if (f.kind) parts.push(sql`t.kind = ${f.kind}`);
  if (f.minAmount !== undefined) parts.push(sql`t.amount >= ${f.minAmount.toString()}::numeric`);
  if (f.maxAmount !== undefined) parts.push(sql`t.amount <= ${f.maxAmount.toString()}::numeric`);
  if (f.since) parts.push(sql`t.block_time >= ${f.since.toISOString()}::timestamptz`);
  if (f.until) parts.push(sql`t.block_time < ${f.until.toISOString()}::timestamptz`);
  // With the registry's addresses resolved (listTransactions), each attribution filter is also an
  // address list transfers_from_idx / transfers_to_idx can serve; the exact test follows.
  const anyOf = (col: SQL, list: readonly string[] | undefined) =>
    list === undefined ? null : sql`${col} = any(${pgArray(list, "text[]")})`;
  const either = (list: readonly string[] | undefined) =>
    list === undefined
      ? null
      : sql`(${anyOf(sql`t.from_address`, list)} or ${anyOf(sql`t.to_address`, list)})`;
  const push = (x: SQL | null) => {
    if (x) parts.push(x);
  };
  if (f.entityId !== undefined) {
    push(either(resolved?.entity));
    parts.push(sql`(af.entity_id = ${f.entityId} or at.entity_id = ${f.entityId})`);
  }
  if (f.country) {
    push(either(resolved?.country));
    parts.push(sql`(${a.origin} = ${f.country} or ${a.destination} = ${f.country})`);
  }
  if (f.origin) {
    push(anyOf(sql`t.from_address`, resolved?.origin));
    parts.push(sql`${a.origin} = ${f.origin}`);
  }
  if (f.destination) {
    push(anyOf(sql`t.to_address`, resolved?.destination));
    parts.push(sql`${a.destination} = ${f.destination}`);
  }
  if (f.flow) parts.push(CORRIDOR_FLOW_SQL[f.flow]);
  if (f.finalizedOnly) {
    parts.push(sql`t.block_number <= coalesce((select c.rolled_up_block from indexer_checkpoints c
      where c.chain_id = t.chain_id), -1)`);
  }
  return sql.join(parts, sql` and `);
}
