// Presence, chains and supply per chain: the overview's core, shared by other views. Its other
// widgets read issuance.ts, top-corridors.ts and chain-status.ts. Every money figure is exact wei (bigint); aggregates are cast
// to text in SQL so node-postgres and PGlite hand back the same exact strings.
//
// Invariant relied on (db/schema/chain.ts): rollups cover exactly blocks <= rolled_up_block per
// chain, and `transfers` holds every indexed block. So lifetime supply = rollups + the raw tail
// above rolled_up_block, while short windows (24h, 7d) are read straight from raw transfers.
import { and, eq, gt, inArray, lte, or, sql, type Column, type SQL, type Table } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { chains, dailySupply, indexerCheckpoints, transfers } from "../schema";

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

export function onlyChain<T extends { chainId: number }>(rows: T[], f: ChainFilter): T[] {
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
    chainList.map((c) => ({
      chainId: c.chainId,
      above: checkpointOf.get(c.chainId)?.rolledUpBlock ?? null,
      upTo: checkpointOf.get(c.chainId)?.indexedBlock ?? null,
    })),
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
  ranges: { chainId: number; above: bigint | null; upTo: bigint | null }[],
): Promise<Map<number, bigint>> {
  if (ranges.length === 0) return new Map();
  // One closed (chain_id, block_number) range per chain keeps this on transfers_chain_block_idx
  // (open above, the planner misjudges it on chains of different heights: provisional-tail.ts).
  const perChain = ranges.map(({ chainId, above, upTo }) =>
    above === null
      ? eq(transfers.chainId, chainId)
      : and(
          eq(transfers.chainId, chainId),
          gt(transfers.blockNumber, above),
          upTo === null ? undefined : lte(transfers.blockNumber, upTo),
        ),
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
// Helpers

/** Chains from the registry plus any that only have a checkpoint, ordered by chain id. */
/** Chains to offer in the chain filter. */
export async function listKnownChains(db: Db): Promise<ChainRef[]> {
  return listChains(db);
}

export async function listChains(db: Reader): Promise<ChainRef[]> {
  // Sequential: callers may pass a transaction (one connection).
  const named = await db.select({ chainId: chains.chainId, name: chains.name }).from(chains);
  const checkpointed = await db.select({ chainId: indexerCheckpoints.chainId }).from(indexerCheckpoints);
  return withExtraChains(named, checkpointed);
}

export function withExtraChains(known: ChainRef[], seen: { chainId: number }[]): ChainRef[] {
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
export function outer(table: Table, column: Column): SQL {
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
