// Suppressed hits (#16 item 6): what the behavioural rules' business exemptions stopped, per chain,
// rule, block and episode key (db/schema/monitoring-exemptions.ts; lib/monitoring/exemptions.ts).
import { sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../client";
import type { RuleId } from "../schema/monitoring";
import { copyRows, pgClientOf } from "./copy";
import { pgArray, rowsOf } from "./sql-arrays";
import type { PriorEpisode } from "@/lib/monitoring/engine";
import type { SuppressedCount } from "@/lib/monitoring/exemptions";

/** Rows per statement: keeps the array literals a few MB at most. */
const CHUNK = 20_000;

async function insertCounts(tx: Tx, chainId: number, rows: readonly SuppressedCount[], onConflict: SQL) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    await tx.execute(sql`
      insert into monitor_suppressed_hits (chain_id, rule_id, block_number, episode_key, block_time, hits)
      select ${chainId}, r, b, k, to_timestamp(t), n
      from unnest(${pgArray(
        part.map((x) => x.ruleId),
        "text[]",
      )}, ${pgArray(
        part.map((x) => x.block),
        "bigint[]",
      )}, ${pgArray(
        part.map((x) => x.key ?? ""),
        "text[]",
      )}, ${pgArray(
        part.map((x) => x.time),
        "bigint[]",
      )}, ${pgArray(
        part.map((x) => x.hits),
        "int[]",
      )}) as u(r, b, k, t, n)
      ${onConflict}`);
  }
}

export type WriteSuppressedParams = { chainId: number; counts: readonly SuppressedCount[] };

/**
 * An incremental step's counts. A step covers whole blocks, so a block's count is complete: a
 * re-run sets the same number (idempotent), never adds to it.
 */
export async function writeSuppressedHits(tx: Tx, p: WriteSuppressedParams): Promise<void> {
  await insertCounts(
    tx,
    p.chainId,
    p.counts,
    sql`on conflict (chain_id, rule_id, block_number, episode_key) do update set hits = excluded.hits`,
  );
}

/** A rebuild's counts replace the rules' rows of the chain up to `toBlock` (what it re-evaluated). */
export async function replaceSuppressedHits(
  tx: Tx,
  p: WriteSuppressedParams & {
    ruleIds: readonly RuleId[];
    toBlock: bigint;
    /** COPY works on this connection (the rebuild's stream mode: a real Postgres, not PGlite's wire server). */
    copy: boolean;
  },
): Promise<void> {
  await tx.execute(sql`
    delete from monitor_suppressed_hits
    where chain_id = ${p.chainId} and rule_id = any(${pgArray(p.ruleIds, "text[]")})
      and block_number <= ${p.toBlock}`);
  // A rebuild over busy exempt wallets writes a row per block with hits (150k+ on a million
  // transfers): COPY on Postgres; PGlite (its wire server has no COPY FROM STDIN: the demo died
  // of it), or a key COPY's text format cannot carry, takes INSERT.
  if (p.counts.length === 0) return;
  const client = p.copy ? pgClientOf(tx) : undefined;
  if (client && p.counts.every((x) => x.key === null || COPY_SAFE.test(x.key))) {
    await copyRows(
      client,
      "monitor_suppressed_hits",
      ["chain_id", "rule_id", "block_number", "episode_key", "block_time", "hits"],
      p.counts.map((x) => [
        String(p.chainId),
        x.ruleId,
        String(x.block),
        x.key ?? "",
        new Date(x.time * 1000).toISOString(),
        String(x.hits),
      ]),
    );
  } else await insertCounts(tx, p.chainId, p.counts, sql``);
}

/** Text COPY needs no escaping for these (episode keys are addresses, ids and separators). */
const COPY_SAFE = /^[^\t\n\r\\]*$/;

/** A reorg: the counts above the common ancestor go; the monitor re-evaluates those blocks. */
export async function deleteSuppressedAbove(
  tx: Tx,
  p: { chainId: number; ancestor: bigint },
): Promise<number> {
  const res = await tx.execute(sql`
    delete from monitor_suppressed_hits where chain_id = ${p.chainId} and block_number > ${p.ancestor}`);
  return (res as { rowCount?: number | null; affectedRows?: number }).rowCount ?? 0;
}

/** The latest suppressed hit of each episode key since `sinceTime` (engine's exemptEpisodes). */
export async function loadExemptEpisodes(
  tx: Tx,
  p: { chainId: number; ruleIds: readonly RuleId[]; sinceTime: number },
): Promise<PriorEpisode[]> {
  const res = await tx.execute(sql`
    select rule_id as "ruleId", episode_key as key, extract(epoch from max(block_time))::bigint::text as t
    from monitor_suppressed_hits
    where chain_id = ${p.chainId} and rule_id = any(${pgArray(p.ruleIds, "text[]")})
      and episode_key <> '' and block_time >= to_timestamp(${p.sinceTime})
    group by rule_id, episode_key`);
  return rowsOf<{ ruleId: RuleId; key: string; t: string }>(res).map((r) => ({
    ruleId: r.ruleId,
    key: r.key,
    time: Number(r.t),
  }));
}

/** Since an epoch second, or within the last `seconds` of the database's clock. */
export type CountSuppressedParams = ({ sinceTime: number } | { lastSeconds: number }) & { chainId?: number };

/** Alerts each rule's exemption suppressed lately (every chain unless one is named). */
export async function countSuppressedByRule(
  db: Db | Tx,
  p: CountSuppressedParams,
): Promise<Partial<Record<RuleId, number>>> {
  const chain = p.chainId === undefined ? sql`true` : sql`chain_id = ${p.chainId}`;
  const since =
    "sinceTime" in p
      ? sql`to_timestamp(${p.sinceTime})`
      : sql`now() - make_interval(secs => ${p.lastSeconds})`;
  const res = await db.execute(sql`
    select rule_id as "ruleId", sum(hits)::bigint::text as n from monitor_suppressed_hits
    where block_time >= ${since} and ${chain}
    group by rule_id`);
  const out: Partial<Record<RuleId, number>> = {};
  for (const r of rowsOf<{ ruleId: RuleId; n: string }>(res)) out[r.ruleId] = Number(r.n);
  return out;
}
