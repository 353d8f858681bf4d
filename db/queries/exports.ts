// Streaming readers behind the exports (lib/reports). Memory stays at one batch however large the
// result. Transactions (the one table that reaches millions of rows) stream with COPY TO STDOUT
// where the driver allows it (copy-out.ts); alerts, and transactions on embedded PGlite, are read
// in keyset batches: one short query ordered by a unique key, resumed after the last row, no
// OFFSET rescans and no connection held between batches. The next keyset batch is requested
// before the current one is handed out, so the database works while the caller formats.
//
// Filters are the views' own (transactionWhere, corridorAttribution), so a file holds exactly
// the rows its screen shows. Money and block numbers stay decimal strings (exact; no BigInt per
// row, the writers need text anyway).
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { alertFilterWhere, type AlertFilter } from "./alerts-list";
import { copyOutRows, poolOf } from "./copy-out";
import { corridorAttribution as a } from "./rollups";
import { rowsOf } from "./sql-arrays";
import { transactionWhere, type TransactionFilter } from "./transactions";

const DEFAULT_BATCH = 1_000;
const ISO_US = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

function isoSql(column: SQL): SQL {
  return sql`to_char(${column} at time zone 'UTC', ${sql.raw(ISO_US)})`;
}

/**
 * Keyset loop with one batch of read-ahead. `fetch(after)` returns rows after `after` (or the
 * first rows) in key order; a short batch ends the stream.
 */
async function* keyset<R>(
  batchSize: number,
  fetch: (after: R | undefined) => Promise<R[]>,
): AsyncGenerator<R[], void, undefined> {
  let pending: Promise<R[]> | undefined = fetch(undefined);
  try {
    while (pending) {
      const rows: R[] = await pending;
      const last = rows[rows.length - 1];
      pending = rows.length === batchSize && last !== undefined ? fetch(last) : undefined;
      if (rows.length > 0) yield rows;
    }
  } finally {
    // The consumer stopped early (client gone): let the read-ahead settle quietly.
    pending?.catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Transactions

export type TransactionExportRow = {
  chainId: number;
  blockNumber: string;
  /** ISO 8601 UTC with microseconds: exact, and the keyset cursor. */
  blockTime: string;
  txHash: string;
  logIndex: number;
  kind: string;
  fromAddress: string;
  fromLabel: string | null;
  fromEntity: string | null;
  originCountry: string;
  toAddress: string;
  toLabel: string | null;
  toEntity: string | null;
  destinationCountry: string;
  /** Wei, decimal string. */
  amount: string;
  intra: boolean;
  bridge: boolean;
  /** Primary market side (a watched governor or treasury-tagged address; rollups.ts). */
  primary: boolean;
};

export type StreamTransactionExportParams = {
  filter: TransactionFilter;
  /** Rows with a later block time are left out, so rows indexed mid-export cannot join it. */
  asOf: Date;
  batchSize?: number;
  /** "auto" (default): COPY when the database is reached through node-postgres, else keyset. */
  mode?: "auto" | "copy" | "keyset";
};

/** Select list in TransactionExportRow order (the COPY reader maps fields by position). */
const TRANSACTION_FIELDS = sql`t.chain_id as "chainId", t.block_number::text as "blockNumber",
  ${isoSql(sql`t.block_time`)} as "blockTime", t.tx_hash as "txHash", t.log_index as "logIndex", t.kind,
  t.from_address as "fromAddress", af.label as "fromLabel", ef.name as "fromEntity", ${a.origin} as "originCountry",
  t.to_address as "toAddress", at.label as "toLabel", et.name as "toEntity", ${a.destination} as "destinationCountry",
  t.amount::text as amount, ${a.intra} as intra, ${a.bulk.bridge} as bridge, ${a.bulk.primary} as "primary"`;
const TRANSACTION_ORDER = sql`order by t.block_time, t.chain_id, t.block_number, t.log_index`;

function transactionExportWhere(p: Pick<StreamTransactionExportParams, "filter" | "asOf">): SQL {
  return sql`${transactionWhere(p.filter)} and t.block_time <= ${p.asOf.toISOString()}::timestamptz`;
}

/** The statement the COPY export runs (exported for the plan test). */
export function transactionExportQuery(p: Pick<StreamTransactionExportParams, "filter" | "asOf">): SQL {
  return sql`select ${TRANSACTION_FIELDS} from transfers t ${a.joins} where ${transactionExportWhere(p)} ${TRANSACTION_ORDER}`;
}

/**
 * The transactions view's rows for a filter, oldest first (time, chain, block, log). Through
 * node-postgres (Postgres, or the demo's PGlite wire server) one COPY streams the whole result:
 * a single snapshot, hash joins instead of per-batch index probes, ~2-3× the keyset rate; the
 * connection is held for the download, so callers bound concurrent exports. Embedded PGlite has
 * no COPY TO STDOUT stream and uses the keyset reader; a test checks both give the same rows.
 */
export function streamTransactionExport(
  db: Db,
  p: StreamTransactionExportParams,
): AsyncGenerator<TransactionExportRow[], void, undefined> {
  const batchSize = p.batchSize ?? DEFAULT_BATCH;
  const pool = p.mode === "keyset" ? undefined : poolOf(db);
  if (pool) return mapBatches(copyOutRows(pool, transactionExportQuery(p), batchSize), fromCopyFields);
  if (p.mode === "copy") throw new Error("COPY export needs a node-postgres connection");
  const where = transactionExportWhere(p);
  return keyset<TransactionExportRow>(batchSize, async (after) => {
    const from = after
      ? sql`and (t.block_time, t.chain_id, t.block_number, t.log_index) >
          (${after.blockTime}::timestamptz, ${after.chainId}, ${after.blockNumber}::bigint, ${after.logIndex})`
      : sql``;
    const result = await db.execute(sql`select ${TRANSACTION_FIELDS} from transfers t ${a.joins}
      where ${where} ${from} ${TRANSACTION_ORDER} limit ${batchSize}`);
    return rowsOf<TransactionExportRow>(result).map(normaliseFlags);
  });
}

async function* mapBatches<T, R>(
  source: AsyncGenerator<T[], void, undefined>,
  map: (item: T) => R,
): AsyncGenerator<R[], void, undefined> {
  for await (const batch of source) yield batch.map(map);
}

function fromCopyFields(f: (string | null)[]): TransactionExportRow {
  return {
    chainId: Number(f[0]),
    blockNumber: f[1]!,
    blockTime: f[2]!,
    txHash: f[3]!,
    logIndex: Number(f[4]),
    kind: f[5]!,
    fromAddress: f[6]!,
    fromLabel: f[7] ?? null,
    fromEntity: f[8] ?? null,
    originCountry: f[9]!,
    toAddress: f[10]!,
    toLabel: f[11] ?? null,
    toEntity: f[12] ?? null,
    destinationCountry: f[13]!,
    amount: f[14]!,
    intra: f[15] === "t",
    bridge: f[16] === "t",
    primary: f[17] === "t",
  };
}

/** node-postgres and PGlite give booleans and numbers; a wire proxy may give 't'/'f' and text. */
function normaliseFlags(r: TransactionExportRow): TransactionExportRow {
  if (typeof r.intra === "boolean" && typeof r.chainId === "number" && typeof r.logIndex === "number")
    return r;
  const flag = (v: unknown) => v === true || v === "t";
  return {
    ...r,
    chainId: Number(r.chainId),
    logIndex: Number(r.logIndex),
    intra: flag(r.intra),
    bridge: flag(r.bridge),
    primary: flag(r.primary),
  };
}

// ---------------------------------------------------------------------------------------------
// Alerts

/** The alerts view's own filter (alerts-list.ts), so a file holds exactly the rows the view counts. */
export type AlertExportFilter = AlertFilter;

export type AlertExportRow = {
  id: string;
  ruleId: string;
  ruleVersion: number;
  logicVersion: number;
  severity: string;
  score: number;
  status: string;
  statusReason: string | null;
  chainId: number;
  blockNumber: string;
  blockTime: string;
  txHash: string;
  logIndex: number;
  subject: string | null;
  subjectLabel: string | null;
  amount: string | null;
  corridorOrigin: string | null;
  corridorDestination: string | null;
  /** Email of the analyst holding the case (null = unassigned). */
  assigneeEmail: string | null;
  explanation: string;
  evidenceCount: number;
};

/** Alerts matching a filter, in id order, with the subject's registry label. */
export function streamAlertExport(
  db: Db,
  p: { filter: AlertExportFilter; batchSize?: number },
): AsyncGenerator<AlertExportRow[], void, undefined> {
  const batchSize = p.batchSize ?? DEFAULT_BATCH;
  return keyset<AlertExportRow>(batchSize, async (after) => {
    const from = after ? sql`and al.id > ${after.id}::bigint` : sql``;
    const result = await db.execute(sql`select al.id::text as id, al.rule_id as "ruleId",
        al.rule_version as "ruleVersion", al.logic_version as "logicVersion", al.severity, al.score, al.status,
        al.status_reason as "statusReason", al.chain_id as "chainId", al.block_number::text as "blockNumber",
        ${isoSql(sql`al.block_time`)} as "blockTime", al.tx_hash as "txHash", al.log_index as "logIndex",
        al.subject, ad.label as "subjectLabel", al.amount::text as amount, al.corridor_origin as "corridorOrigin",
        al.corridor_destination as "corridorDestination", u.email as "assigneeEmail", al.explanation,
        (select count(*) from alert_evidence e where e.alert_id = al.id)::int as "evidenceCount"
      from alerts al
      left join addresses ad on ad.chain_id = al.chain_id and ad.address = al.subject
      left join users u on u.id = al.assignee
      where ${alertFilterWhere(p.filter)} ${from}
      order by al.id
      limit ${batchSize}`);
    return rowsOf<AlertExportRow>(result);
  });
}

// ---------------------------------------------------------------------------------------------
// Supply series

export type SupplySeriesParams = {
  /** First and last UTC day, inclusive. */
  fromDay: string;
  toDay: string;
  chainId?: number | undefined;
};

export type SupplySeriesRow = {
  day: string;
  chainId: number;
  chainName: string;
  /** All wei, decimal strings. Issuer = minted − bridge minted (bridge pools are not issuance). */
  minted: string;
  burned: string;
  bridgeMinted: string;
  bridgeBurned: string;
  issuerMinted: string;
  issuerBurned: string;
  netIssuance: string;
  /** Σ(minted − burned) over every rolled-up day up to and including this one. */
  closingSupply: string;
  mintCount: number;
  burnCount: number;
  transferCount: number;
  transferVolume: string;
};

/**
 * One row per chain and UTC day in the range (days without activity included, as zeros), from
 * the daily_supply rollup: finalized blocks only, the same figures the supply charts draw.
 */
export async function getSupplySeries(db: Db, p: SupplySeriesParams): Promise<SupplySeriesRow[]> {
  const chainFilter = p.chainId === undefined ? sql`true` : sql`c.chain_id = ${p.chainId}`;
  const result = await db.execute(sql`
    with days as (
      select d::date as day from generate_series(${p.fromDay}::date, ${p.toDay}::date, interval '1 day') d),
    opening as (
      select chain_id, sum(minted - burned) as supply from daily_supply where day < ${p.fromDay}::date
      group by chain_id),
    grid as (
      select c.chain_id, c.name, d.day, coalesce(s.minted, 0) as minted, coalesce(s.burned, 0) as burned,
        coalesce(s.bridge_minted, 0) as bminted, coalesce(s.bridge_burned, 0) as bburned,
        coalesce(s.mint_count, 0) as mint_count, coalesce(s.burn_count, 0) as burn_count,
        coalesce(s.transfer_count, 0) as transfer_count, coalesce(s.transfer_volume, 0) as transfer_volume
      from chains c cross join days d
      left join daily_supply s on s.chain_id = c.chain_id and s.day = d.day
      where ${chainFilter})
    select to_char(g.day, 'YYYY-MM-DD') as day, g.chain_id as "chainId", g.name as "chainName",
      g.minted::text as minted, g.burned::text as burned, g.bminted::text as "bridgeMinted",
      g.bburned::text as "bridgeBurned", (g.minted - g.bminted)::text as "issuerMinted",
      (g.burned - g.bburned)::text as "issuerBurned",
      ((g.minted - g.bminted) - (g.burned - g.bburned))::text as "netIssuance",
      (coalesce(o.supply, 0) + sum(g.minted - g.burned) over (partition by g.chain_id order by g.day))::text
        as "closingSupply",
      g.mint_count::int as "mintCount", g.burn_count::int as "burnCount",
      g.transfer_count::int as "transferCount", g.transfer_volume::text as "transferVolume"
    from grid g left join opening o on o.chain_id = g.chain_id
    order by g.day, g.chain_id`);
  return rowsOf<SupplySeriesRow>(result).map((r) => ({
    ...r,
    chainId: Number(r.chainId),
    mintCount: Number(r.mintCount),
    burnCount: Number(r.burnCount),
    transferCount: Number(r.transferCount),
  }));
}
