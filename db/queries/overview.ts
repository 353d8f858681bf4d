// Queries behind the overview view. Every money figure is exact wei (bigint); aggregates are cast
// to text in SQL so node-postgres and PGlite hand back the same exact strings.
//
// Invariant relied on (db/schema/chain.ts): rollups cover exactly blocks <= rolled_up_block per
// chain, and `transfers` holds every indexed block. So lifetime supply = rollups + the raw tail
// above rolled_up_block, while short windows (24h, 7d) are read straight from raw transfers.
import {
  and,
  asc,
  desc,
  eq,
  gt,
  gte,
  inArray,
  or,
  sql,
  type Column,
  type SQL,
  type Table,
} from "drizzle-orm";
import type { Db, Tx } from "../client";
import { isBridgeSql } from "./rollups";
import {
  blocks,
  chains,
  dailyCorridorVolume,
  dailySupply,
  indexerCheckpoints,
  supplyReconciliations,
  transfers,
} from "../schema";

const UNDEFINED_TABLE = "42P01";

/** A database or an open transaction on it. */
type Reader = Db | Tx;

export type ChainRef = { chainId: number; name: string };

// ---------------------------------------------------------------------------------------------
// Presence (empty state)

export type DataPresence = {
  /** False when migrations have not run yet (nothing has touched this database). */
  schemaReady: boolean;
  /** Chains known from the registry or from indexer checkpoints. */
  chainCount: number;
};

/** Distinguishes "indexer not started yet" (empty state) from real failures (error page). */
export async function getDataPresence(db: Db): Promise<DataPresence> {
  try {
    const chainList = await listChains(db);
    return { schemaReady: true, chainCount: chainList.length };
  } catch (err) {
    if (pgErrorCode(err) === UNDEFINED_TABLE) return { schemaReady: false, chainCount: 0 };
    throw err;
  }
}

/** Liveness probe for /api/health. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

// ---------------------------------------------------------------------------------------------
// Supply

export type ChainSupply = ChainRef & {
  /** Σ(minted − burned) from daily_supply, i.e. blocks <= rolledUpBlock. */
  rolledUpSupply: bigint;
  /** Net of raw mints and burns above rolledUpBlock (not yet finalized, may still reorg). */
  provisionalDelta: bigint;
  supply: bigint;
  /** Null when the indexer has not written a checkpoint for the chain yet. */
  rolledUpBlock: bigint | null;
  indexedBlock: bigint | null;
};

export type SupplyByChain = { total: bigint; chains: ChainSupply[] };

/** Every overview query takes an optional chain filter; totals across chains are the default. */
export type ChainFilter = { chainId?: number | undefined };

function onlyChain<T extends { chainId: number }>(rows: T[], f: ChainFilter): T[] {
  return f.chainId === undefined ? rows : rows.filter((r) => r.chainId === f.chainId);
}

export async function getSupplyByChain(db: Db, params: ChainFilter = {}): Promise<SupplyByChain> {
  // One snapshot: the indexer advances rollups and rolled_up_block together in one transaction,
  // so reading them at different moments could count a block in both the rollup and the tail.
  const all = await db.transaction((tx) => readSupply(tx), {
    isolationLevel: "repeatable read",
    accessMode: "read only",
  });
  const chainsOut = onlyChain(all.chains, params);
  return { total: chainsOut.reduce((acc, c) => acc + c.supply, 0n), chains: chainsOut };
}

async function readSupply(db: Reader): Promise<SupplyByChain> {
  // Sequential on purpose: these run on the transaction's single connection.
  const registered = await listChains(db);
  const checkpoints = await db
    .select({
      chainId: indexerCheckpoints.chainId,
      rolledUpBlock: indexerCheckpoints.rolledUpBlock,
      indexedBlock: indexerCheckpoints.indexedBlock,
    })
    .from(indexerCheckpoints);
  const rolled = await db
    .select({
      chainId: dailySupply.chainId,
      net: sql<string>`coalesce(sum(${dailySupply.minted} - ${dailySupply.burned}), 0)::text`,
    })
    .from(dailySupply)
    .groupBy(dailySupply.chainId);
  const chainList = withExtraChains(registered, rolled);
  const checkpointOf = new Map(checkpoints.map((c) => [c.chainId, c]));
  const tail = await sumProvisionalTail(
    db,
    chainList.map((c) => ({ chainId: c.chainId, above: checkpointOf.get(c.chainId)?.rolledUpBlock ?? null })),
  );
  const rolledOf = new Map(rolled.map((r) => [r.chainId, BigInt(r.net)]));

  const rows = chainList.map((c): ChainSupply => {
    const rolledUpSupply = rolledOf.get(c.chainId) ?? 0n;
    const provisionalDelta = tail.get(c.chainId) ?? 0n;
    const cp = checkpointOf.get(c.chainId);
    return {
      ...c,
      rolledUpSupply,
      provisionalDelta,
      supply: rolledUpSupply + provisionalDelta,
      rolledUpBlock: cp?.rolledUpBlock ?? null,
      indexedBlock: cp?.indexedBlock ?? null,
    };
  });
  return { total: rows.reduce((acc, r) => acc + r.supply, 0n), chains: rows };
}

/** Net mint − burn from raw transfers strictly above each chain's rolled-up block. */
async function sumProvisionalTail(
  db: Reader,
  ranges: { chainId: number; above: bigint | null }[],
): Promise<Map<number, bigint>> {
  if (ranges.length === 0) return new Map();
  // One (chain_id, block_number) range per chain keeps this on transfers_chain_block_idx.
  const perChain = ranges.map(({ chainId, above }) =>
    above === null
      ? eq(transfers.chainId, chainId)
      : and(eq(transfers.chainId, chainId), gt(transfers.blockNumber, above)),
  );
  const rows = await db
    .select({
      chainId: transfers.chainId,
      net: sql<string>`coalesce(sum(case when ${transfers.kind} = 'mint' then ${transfers.amount}
        else -${transfers.amount} end), 0)::text`,
    })
    .from(transfers)
    .where(and(inArray(transfers.kind, ["mint", "burn"]), or(...perChain)))
    .groupBy(transfers.chainId);
  return new Map(rows.map((r) => [r.chainId, BigInt(r.net)]));
}

// ---------------------------------------------------------------------------------------------
// Issuance windows

export type Flow = { minted: bigint; burned: bigint; net: bigint; mintCount: number; burnCount: number };
export type IssuanceWindowsParams = ChainFilter & {
  /** Windows are (now − 24h, now] and (now − 7d, now] by block time. */
  now: Date;
};
export type ChainIssuance = ChainRef & { h24: Flow; d7: Flow };
export type IssuanceWindows = { chains: ChainIssuance[]; total: { h24: Flow; d7: Flow } };

const HOUR_MS = 3_600_000;

export async function getIssuanceWindows(db: Db, params: IssuanceWindowsParams): Promise<IssuanceWindows> {
  const now = params.now;
  const since24h = new Date(now.getTime() - 24 * HOUR_MS).toISOString();
  const since7d = new Date(now.getTime() - 7 * 24 * HOUR_MS).toISOString();
  const in24h = sql`${transfers.blockTime} > ${since24h}::timestamptz`;
  // Issuance only: bridge pools' mints and burns move USD1 between chains (isBridgeSql).
  const bridge = isBridgeSql(sql`${transfers}`);
  const isMint = sql`${transfers.kind} = 'mint' and not ${bridge}`;
  const isBurn = sql`${transfers.kind} = 'burn' and not ${bridge}`;
  const sumWhere = (cond: SQL) =>
    sql<string>`coalesce(sum(${transfers.amount}) filter (where ${cond}), 0)::text`;
  const countWhere = (cond: SQL) => sql<number>`(count(*) filter (where ${cond}))::int`;

  const [chainList, rows] = await Promise.all([
    listChains(db),
    db
      .select({
        chainId: transfers.chainId,
        minted7d: sumWhere(isMint),
        burned7d: sumWhere(isBurn),
        mints7d: countWhere(isMint),
        burns7d: countWhere(isBurn),
        minted24h: sumWhere(sql`${isMint} and ${in24h}`),
        burned24h: sumWhere(sql`${isBurn} and ${in24h}`),
        mints24h: countWhere(sql`${isMint} and ${in24h}`),
        burns24h: countWhere(sql`${isBurn} and ${in24h}`),
      })
      .from(transfers)
      .where(
        and(
          // On transfers_block_time_idx; the window is small next to the table.
          sql`${transfers.blockTime} > ${since7d}::timestamptz`,
          sql`${transfers.blockTime} <= ${now.toISOString()}::timestamptz`,
          inArray(transfers.kind, ["mint", "burn"]),
        ),
      )
      .groupBy(transfers.chainId),
  ]);

  const byChain = new Map(rows.map((r) => [r.chainId, r]));
  const chainsOut = onlyChain(withExtraChains(chainList, rows), params).map((c): ChainIssuance => {
    const r = byChain.get(c.chainId);
    return {
      ...c,
      h24: flow(r?.minted24h, r?.burned24h, r?.mints24h, r?.burns24h),
      d7: flow(r?.minted7d, r?.burned7d, r?.mints7d, r?.burns7d),
    };
  });
  return {
    chains: chainsOut,
    total: { h24: addFlows(chainsOut.map((c) => c.h24)), d7: addFlows(chainsOut.map((c) => c.d7)) },
  };
}

function flow(minted = "0", burned = "0", mintCount = 0, burnCount = 0): Flow {
  const m = BigInt(minted);
  const b = BigInt(burned);
  return { minted: m, burned: b, net: m - b, mintCount: Number(mintCount), burnCount: Number(burnCount) };
}

function addFlows(flows: Flow[]): Flow {
  return flows.reduce(
    (acc, f) => ({
      minted: acc.minted + f.minted,
      burned: acc.burned + f.burned,
      net: acc.net + f.net,
      mintCount: acc.mintCount + f.mintCount,
      burnCount: acc.burnCount + f.burnCount,
    }),
    flow(),
  );
}

// ---------------------------------------------------------------------------------------------
// Corridors

export type TopCorridorsParams = ChainFilter & {
  /** First UTC day included, "YYYY-MM-DD". */
  since: string;
  limit: number;
};
export type Corridor = {
  /** ISO 3166-1 alpha-2, or "ZZ" for unattributed (never guessed). */
  originCountry: string;
  destinationCountry: string;
  /** Excludes intra-entity and bridge transfers; summed over chains. */
  adjustedVolume: bigint;
  adjustedCount: number;
  volume: bigint;
  transferCount: number;
};

/** Corridors by adjusted volume over rolled-up (finalized) days, all chains together. */
export async function getTopCorridors(db: Db, params: TopCorridorsParams): Promise<Corridor[]> {
  const adjusted = sql<string>`sum(${dailyCorridorVolume.adjustedVolume})`;
  const rows = await db
    .select({
      originCountry: dailyCorridorVolume.originCountry,
      destinationCountry: dailyCorridorVolume.destinationCountry,
      adjustedVolume: sql<string>`${adjusted}::text`,
      adjustedCount: sql<number>`sum(${dailyCorridorVolume.adjustedCount})::int`,
      volume: sql<string>`sum(${dailyCorridorVolume.volume})::text`,
      transferCount: sql<number>`sum(${dailyCorridorVolume.transferCount})::int`,
    })
    .from(dailyCorridorVolume)
    .where(
      and(
        gte(dailyCorridorVolume.day, params.since),
        params.chainId === undefined ? undefined : eq(dailyCorridorVolume.chainId, params.chainId),
      ),
    )
    .groupBy(dailyCorridorVolume.originCountry, dailyCorridorVolume.destinationCountry)
    .having(gt(adjusted, sql`0`))
    .orderBy(
      desc(adjusted),
      asc(dailyCorridorVolume.originCountry),
      asc(dailyCorridorVolume.destinationCountry),
    )
    .limit(params.limit);
  return rows.map((r) => ({
    originCountry: r.originCountry,
    destinationCountry: r.destinationCountry,
    adjustedVolume: BigInt(r.adjustedVolume),
    adjustedCount: Number(r.adjustedCount),
    volume: BigInt(r.volume),
    transferCount: Number(r.transferCount),
  }));
}

// ---------------------------------------------------------------------------------------------
// Indexer status and reconciliation

export type IndexerStatus = ChainRef & {
  /** Null fields below: the indexer has not written a checkpoint for this chain yet. */
  indexedBlock: bigint | null;
  rolledUpBlock: bigint | null;
  headBlock: bigint | null;
  finalizedBlock: bigint | null;
  /** head − indexed; null while the head is unknown. */
  lagBlocks: bigint | null;
  /** Timestamp of the latest stored block header at or below indexedBlock. */
  indexedBlockTime: Date | null;
  headSeenAt: Date | null;
  updatedAt: Date | null;
  rpcErrors: number;
  lastReorgAt: Date | null;
  lastReorgDepth: number | null;
};

/** A registered chain the indexer has not written a checkpoint for yet. */
const NOT_STARTED: Omit<IndexerStatus, keyof ChainRef> = {
  indexedBlock: null,
  rolledUpBlock: null,
  headBlock: null,
  finalizedBlock: null,
  lagBlocks: null,
  indexedBlockTime: null,
  headSeenAt: null,
  updatedAt: null,
  rpcErrors: 0,
  lastReorgAt: null,
  lastReorgDepth: null,
};

export async function getIndexerStatus(db: Db, params: ChainFilter = {}): Promise<IndexerStatus[]> {
  return onlyChain(await readIndexerStatus(db), params);
}

async function readIndexerStatus(db: Db): Promise<IndexerStatus[]> {
  const [chainList, rows] = await Promise.all([
    listChains(db),
    db
      .select({
        chainId: indexerCheckpoints.chainId,
        indexedBlock: indexerCheckpoints.indexedBlock,
        rolledUpBlock: indexerCheckpoints.rolledUpBlock,
        headBlock: indexerCheckpoints.headBlock,
        finalizedBlock: indexerCheckpoints.finalizedBlock,
        headSeenAt: indexerCheckpoints.headSeenAt,
        updatedAt: indexerCheckpoints.updatedAt,
        rpcErrors: indexerCheckpoints.rpcErrors,
        lastReorgAt: indexerCheckpoints.lastReorgAt,
        lastReorgDepth: indexerCheckpoints.lastReorgDepth,
        // Epoch milliseconds as text: exact and independent of each driver's timestamp parser.
        indexedBlockTimeMs: sql<string | null>`(select (extract(epoch from b.timestamp) * 1000)::bigint::text
          from ${blocks} b where b.chain_id = ${outer(indexerCheckpoints, indexerCheckpoints.chainId)}
          and b.number <= ${outer(indexerCheckpoints, indexerCheckpoints.indexedBlock)}
          order by b.number desc limit 1)`,
      })
      .from(indexerCheckpoints),
  ]);
  const byChain = new Map(rows.map((r) => [r.chainId, r]));
  return chainList.map((c): IndexerStatus => {
    const r = byChain.get(c.chainId);
    if (!r) return { ...c, ...NOT_STARTED };
    const { indexedBlockTimeMs, ...rest } = r;
    return {
      ...c,
      ...rest,
      lagBlocks: r.headBlock === null ? null : r.headBlock - r.indexedBlock,
      indexedBlockTime: indexedBlockTimeMs === null ? null : new Date(Number(indexedBlockTimeMs)),
    };
  });
}

export type Reconciliation = {
  chainId: number;
  blockNumber: bigint;
  indexedSupply: bigint;
  onchainSupply: bigint;
  /** indexed − on-chain; negative when the index is short. */
  difference: bigint;
  matches: boolean;
  checkedAt: Date;
};

/** Latest reconciliation (highest block) per chain, ordered by chain id. */
export async function getLatestReconciliations(db: Db, params: ChainFilter = {}): Promise<Reconciliation[]> {
  return onlyChain(await readLatestReconciliations(db), params);
}

async function readLatestReconciliations(db: Db): Promise<Reconciliation[]> {
  return db
    .selectDistinctOn([supplyReconciliations.chainId], {
      chainId: supplyReconciliations.chainId,
      blockNumber: supplyReconciliations.blockNumber,
      indexedSupply: supplyReconciliations.indexedSupply,
      onchainSupply: supplyReconciliations.onchainSupply,
      difference: supplyReconciliations.difference,
      matches: supplyReconciliations.matches,
      checkedAt: supplyReconciliations.checkedAt,
    })
    .from(supplyReconciliations)
    .orderBy(
      asc(supplyReconciliations.chainId),
      desc(supplyReconciliations.blockNumber),
      desc(supplyReconciliations.id),
    );
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Chains from the registry plus any that only have a checkpoint, ordered by chain id. */
/** Chains to offer in the chain filter. */
export async function listKnownChains(db: Db): Promise<ChainRef[]> {
  return listChains(db);
}

async function listChains(db: Reader): Promise<ChainRef[]> {
  // Sequential: callers may pass a transaction (one connection).
  const named = await db.select({ chainId: chains.chainId, name: chains.name }).from(chains);
  const checkpointed = await db.select({ chainId: indexerCheckpoints.chainId }).from(indexerCheckpoints);
  return withExtraChains(named, checkpointed);
}

function withExtraChains(known: ChainRef[], seen: { chainId: number }[]): ChainRef[] {
  const byId = new Map(known.map((c) => [c.chainId, c]));
  for (const { chainId } of seen) {
    if (!byId.has(chainId)) byId.set(chainId, { chainId, name: `Chain ${chainId}` });
  }
  return [...byId.values()].sort((a, b) => a.chainId - b.chainId);
}

/**
 * A table-qualified column for correlated subqueries: in a single-table select Drizzle renders
 * columns bare, and a bare name would bind to the subquery's own table instead.
 */
function outer(table: Table, column: Column): SQL {
  return sql`${table}.${sql.identifier(column.name)}`;
}

function pgErrorCode(err: unknown): string | undefined {
  // Drizzle wraps driver errors (DrizzleQueryError) and keeps the original as `cause`.
  for (let e: unknown = err, depth = 0; e && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}
