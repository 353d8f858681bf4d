// What the monitoring engine reads: transfers and token events in chain order, the registry,
// imported lists, and the seeds an incremental step needs from before its range.
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "../client";
import type { TokenEventKind, TransferKind } from "../schema/chain";
import type { AddressTag, EntityKind, LicenceStatus } from "../schema/registry";
import type { RuleId } from "../schema/monitoring";
import { pgArray, rowsOf } from "./sql-arrays";
import type { AddressInfo, WatchlistEntry } from "@/lib/monitoring/address-book";
import type { PriorEpisode } from "@/lib/monitoring/engine";
import type { HopLink } from "@/lib/monitoring/rule";
import type { MonitorEvent, MonitorTransfer } from "@/lib/monitoring/types";

type TransferRow = {
  b: string;
  l: number;
  t: string;
  h: string;
  f: string;
  o: string;
  a: string;
  k: TransferKind;
};

const TRANSFER_COLUMNS = sql`block_number::text as b, log_index as l, extract(epoch from block_time)::bigint::text as t,
  tx_hash as h, from_address as f, to_address as o, amount::text as a, kind as k`;

function toMonitorTransfer(r: TransferRow): MonitorTransfer {
  return {
    type: "transfer",
    block: Number(r.b),
    logIndex: Number(r.l),
    time: Number(r.t),
    txHash: r.h,
    from: r.f,
    to: r.o,
    amount: BigInt(r.a),
    kind: r.k,
  };
}

export type LoadTransfersParams = {
  chainId: number;
  /** Exclusive. */ afterBlock: bigint;
  /** Inclusive. */ toBlock: bigint;
  /** Only rows at or after this time (epoch s). */
  sinceTime?: number;
  /** Only rows touching one of these addresses. */
  addresses?: string[];
  /** With `addresses`: only rows sent by one of them. */
  sendsOnly?: boolean;
  /** Only amounts that are a multiple of this (wei, > 0). */
  multipleOf?: bigint;
  /** Only these kinds. */
  kinds?: TransferKind[];
};

/** Transfers in (afterBlock, toBlock], in chain order. */
export async function loadTransfers(tx: Tx, p: LoadTransfersParams): Promise<MonitorTransfer[]> {
  const where: SQL[] = [
    sql`chain_id = ${p.chainId}`,
    sql`block_number > ${p.afterBlock}`,
    sql`block_number <= ${p.toBlock}`,
  ];
  if (p.sinceTime !== undefined) where.push(sql`block_time >= to_timestamp(${p.sinceTime})`);
  if (p.kinds) where.push(sql`kind = any(${pgArray(p.kinds, "text[]")})`);
  if (p.addresses) {
    const list = pgArray(p.addresses, "text[]");
    where.push(
      p.sendsOnly
        ? sql`from_address = any(${list})`
        : sql`(from_address = any(${list}) or to_address = any(${list}))`,
    );
  }
  if (p.multipleOf !== undefined) where.push(sql`amount % ${p.multipleOf.toString()}::numeric = 0`);
  const res = await tx.execute(
    sql`select ${TRANSFER_COLUMNS} from transfers where ${sql.join(where, sql` and `)} order by block_number, log_index`,
  );
  return rowsOf<TransferRow>(res).map(toMonitorTransfer);
}

type EventRow = {
  b: string;
  l: number;
  t: string;
  h: string;
  em: string;
  k: TokenEventKind;
  actor: string | null;
  subject: string | null;
  cp: string | null;
  a: string | null;
  args: Record<string, string> | string | null;
};

/**
 * Token and governor events in (afterBlock, toBlock] (optionally since a time), in chain order.
 * A governor event whose caller a decoder left in args only gets it as actor here.
 */
export async function loadTokenEvents(
  tx: Tx,
  p: { chainId: number; afterBlock: bigint; toBlock: bigint; sinceTime?: number },
): Promise<MonitorEvent[]> {
  const since = p.sinceTime === undefined ? sql`true` : sql`block_time >= to_timestamp(${p.sinceTime})`;
  const res = await tx.execute(sql`
    select block_number::text as b, log_index as l, extract(epoch from block_time)::bigint::text as t,
      tx_hash as h, emitter as em, kind as k, coalesce(actor, args->>'caller') as actor, subject,
      counterparty as cp, amount::text as a, args
    from token_events
    where chain_id = ${p.chainId} and block_number > ${p.afterBlock} and block_number <= ${p.toBlock} and ${since}
    order by block_number, log_index`);
  return rowsOf<EventRow>(res).map((r) => ({
    type: "event",
    block: Number(r.b),
    logIndex: Number(r.l),
    time: Number(r.t),
    txHash: r.h,
    emitter: r.em,
    kind: r.k,
    actor: r.actor,
    subject: r.subject,
    counterparty: r.cp,
    amount: r.a === null ? null : BigInt(r.a),
    // jsonb arrives parsed from node-postgres and PGlite; a wire proxy may hand back its text.
    args: typeof r.args === "string" ? (JSON.parse(r.args) as Record<string, string>) : (r.args ?? {}),
  }));
}

/**
 * The chain's registry rows joined with their entities, and its watched TokenGovernors as the
 * issuer's plumbing: a governor sends every issuance and receives every redemption (DOMAIN.md §1b),
 * so it carries the `treasury` tag for the rules (added to its registry row, or a row of its own),
 * exactly as the treasury did when it owned the token.
 */
export async function loadAddressBook(tx: Tx, chainId: number): Promise<AddressInfo[]> {
  const res = await tx.execute(sql`
    select coalesce(a.address, g.address) as address, a.entity_id, e.name as entity_name, e.kind, e.country,
      e.licence_status, coalesce(a.label, case when g.address is not null then 'token governor' end) as label,
      case when g.address is not null and not ('treasury' = any(coalesce(a.tags, '{}')))
        then array_append(coalesce(a.tags, '{}'), 'treasury') else a.tags end as tags
    from (select * from addresses where chain_id = ${chainId}) a
    full join (select address from watched_governors where chain_id = ${chainId}) g on g.address = a.address
    left join entities e on e.id = a.entity_id`);
  type Row = {
    address: string;
    entity_id: number | null;
    entity_name: string | null;
    kind: EntityKind | null;
    country: string | null;
    licence_status: LicenceStatus | null;
    label: string | null;
    tags: AddressTag[] | string;
  };
  return rowsOf<Row>(res).map((r) => ({
    address: r.address,
    entityId: r.entity_id,
    entityName: r.entity_name,
    kind: r.kind,
    country: r.country,
    licenceStatus: r.licence_status,
    label: r.label,
    tags: parseTags(r.tags),
  }));
}

/** text[] arrives as an array from node-postgres and PGlite, or as "{a,b}" from a wire proxy. */
function parseTags(v: AddressTag[] | string): AddressTag[] {
  if (Array.isArray(v)) return v;
  return v === "{}" ? [] : (v.slice(1, -1).split(",") as AddressTag[]);
}

export async function loadWatchlist(tx: Tx, chainId: number): Promise<WatchlistEntry[]> {
  const res = await tx.execute(sql`
    select address, list_name as "listName", reference from watchlist_entries
    where chain_id = ${chainId} or chain_id is null`);
  return rowsOf<WatchlistEntry>(res);
}

/** Latest movement time (epoch s) at or below `upTo` of each address, dust (below `minAmount`) left out. */
export async function loadLastSeen(
  tx: Tx,
  p: { chainId: number; upTo: bigint; addresses: string[]; minAmount?: bigint },
): Promise<Map<string, number>> {
  if (p.addresses.length === 0) return new Map();
  const min = sql`${(p.minAmount ?? 0n).toString()}::numeric`;
  const res = await tx.execute(sql`
    select a.addr, extract(epoch from greatest(
      (select max(block_time) from transfers where chain_id = ${p.chainId} and from_address = a.addr and block_number <= ${p.upTo} and amount >= ${min}),
      (select max(block_time) from transfers where chain_id = ${p.chainId} and to_address = a.addr and block_number <= ${p.upTo} and amount >= ${min})
    ))::bigint::text as t
    from unnest(${pgArray(p.addresses, "text[]")}) as a(addr)`);
  const out = new Map<string, number>();
  for (const r of rowsOf<{ addr: string; t: string | null }>(res))
    if (r.t !== null) out.set(r.addr, Number(r.t));
  return out;
}

/** Latest transfer, at or below `upTo`, between each address and any of the listed addresses. */
export async function loadHopLinks(
  tx: Tx,
  p: { chainId: number; upTo: bigint; listed: string[] },
): Promise<Map<string, HopLink>> {
  if (p.listed.length === 0) return new Map();
  const listed = pgArray(p.listed, "text[]");
  const res = await tx.execute(sql`
    select distinct on (other) other, listed, block_number::text as b, tx_hash as h, log_index as l,
      extract(epoch from block_time)::bigint::text as t
    from (
      select to_address as other, from_address as listed, block_number, block_time, tx_hash, log_index from transfers
        where chain_id = ${p.chainId} and block_number <= ${p.upTo} and from_address = any(${listed})
      union all
      select from_address, to_address, block_number, block_time, tx_hash, log_index from transfers
        where chain_id = ${p.chainId} and block_number <= ${p.upTo} and to_address = any(${listed})
    ) x
    where other <> '0x0000000000000000000000000000000000000000' and not (other = any(${listed}))
    order by other, block_number desc, log_index desc`);
  const out = new Map<string, HopLink>();
  for (const r of rowsOf<{ other: string; listed: string; b: string; h: string; l: number; t: string }>(
    res,
  )) {
    out.set(r.other, {
      listed: r.listed,
      ref: { source: "transfer", block: Number(r.b), txHash: r.h, logIndex: Number(r.l), role: "link" },
      time: Number(r.t),
    });
  }
  return out;
}

/** Accounts whose latest freeze/unfreeze at or below `upTo` is a freeze. */
export async function loadFrozen(tx: Tx, p: { chainId: number; upTo: bigint }): Promise<Set<string>> {
  const res = await tx.execute(sql`
    select subject from (
      select distinct on (subject) subject, kind from token_events
      where chain_id = ${p.chainId} and block_number <= ${p.upTo} and kind in ('freeze', 'unfreeze') and subject is not null
      order by subject, block_number desc, log_index desc
    ) x where kind = 'freeze'`);
  return new Set(rowsOf<{ subject: string }>(res).map((r) => r.subject));
}

/** Latest live alert per episode key since `sinceTime`, for the rules being run. */
export async function loadEpisodes(
  tx: Tx,
  p: { chainId: number; ruleIds: RuleId[]; sinceTime: number },
): Promise<PriorEpisode[]> {
  if (p.ruleIds.length === 0) return [];
  const res = await tx.execute(sql`
    select rule_id, suppress_key, extract(epoch from max(block_time))::bigint::text as t
    from alerts
    where chain_id = ${p.chainId} and rule_id = any(${pgArray(p.ruleIds, "text[]")})
      and suppress_key is not null and status <> 'withdrawn' and block_time >= to_timestamp(${p.sinceTime})
    group by rule_id, suppress_key`);
  return rowsOf<{ rule_id: RuleId; suppress_key: string; t: string }>(res).map((r) => ({
    ruleId: r.rule_id,
    key: r.suppress_key,
    time: Number(r.t),
  }));
}
