// Issue #17 demo market on anvil: real Uniswap v3 pools traded by the simulator and the reserve
// feed, indexed by the market follower, compared with the plan's ground truth to the wei.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import type { Address } from "viem";
import type { DbHandle } from "@/db/client";
import { pegPools, poolSwaps, reserveReports } from "@/db/schema";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { createMarketFollower } from "@/lib/indexer/market/follower";
import { RpcPool } from "@/lib/indexer/rpc";
import { quietLog } from "@/lib/indexer/testing/harness";
import type { AnvilNode } from "../chain/anvil";
import { startDemoChain } from "../chain/demo-chain";
import { demoNetworkPlan } from "../network-plan";
import { executePlan, planDays } from "../simulator";
import { seedMarketSources } from "./seed";

const network = demoNetworkPlan({ seed: "market-it", days: 10, scale: 0.05, endDate: "2026-03-10" });
const truth = network.market!;
const nodes: { chainId: number; node: AnvilNode }[] = [];
let db: { handle: DbHandle; database: TestDatabase };

/** USD1's price in the quote token, in bps from $1, from a Swap's sqrtPriceX96 (test's own formula). */
function deviationBps(sqrtP: bigint, usd1IsToken0: boolean, quoteDecimals: number): number {
  const q192 = 1n << 192n;
  const scale = 10n ** 12n;
  // quote per USD1, × 1e12: token0 = USD1 → sqrtP²/2^192 × 10^(18 − qd); else the inverse.
  const price = usd1IsToken0
    ? (sqrtP * sqrtP * scale * 10n ** BigInt(18 - quoteDecimals)) / q192
    : (q192 * scale * 10n ** BigInt(18 - quoteDecimals)) / (sqrtP * sqrtP);
  return Number(((price - scale) * 10_000n) / scale);
}

beforeAll(async () => {
  db = await openTestDb("usd1_market_demo");
  const starts = new Map<number, bigint>();
  for (const { chainId, plan } of network.plans) {
    const c = await startDemoChain({ chainId, plan, pool: network.pools[chainId] as Address });
    nodes.push({ chainId, node: c.node });
    starts.set(chainId, c.marketBlock as bigint);
    for (const day of planDays(plan)) {
      await executePlan({ rpcUrl: c.node.rpcUrl, token: c.token, governor: c.governor, owner: plan.owner, plan, range: day });
    }
  }
  await seedMarketSources(db.handle.db, truth, starts);
  for (const n of nodes) {
    const pool = new RpcPool({ urls: [n.node.rpcUrl], logger: quietLog });
    await createMarketFollower({ pool, chainId: n.chainId, log: quietLog }).step(db.handle.db);
  }
}, 600_000);

afterAll(async () => {
  await db?.handle.close();
  await db?.database.drop();
  for (const n of nodes) await n.node.stop();
});

describe("demo market", () => {
  it("indexes every planned swap with its exact USD1 amount, in plan order", async () => {
    for (const { chainId, plan } of network.plans) {
      const d = truth.pools.find((p) => p.chainId === chainId)!;
      const planned = plan.actions.flatMap((a) => (a.kind === "swap" ? [a] : []));
      const rows = await db.handle.db
        .select()
        .from(poolSwaps)
        .innerJoin(pegPools, eq(pegPools.id, poolSwaps.poolId))
        .where(eq(poolSwaps.chainId, chainId))
        .orderBy(asc(poolSwaps.blockNumber), asc(poolSwaps.logIndex));
      expect(rows.length).toBe(planned.length);
      rows.forEach(({ pool_swaps: s }, i) => {
        const usd1Delta = d.usd1IsToken0 ? s.amount0 : s.amount1;
        const a = planned[i]!;
        expect(usd1Delta).toBe(a.side === "sell" ? a.usd1Amount : -a.usd1Amount);
        expect(s.recipient).toBe(d.trader);
      });
    }
  });

  it("plants the depegs: each episode's lowest price is at least its depth below $1; normal swaps stay between 0 and +4 bps", async () => {
    const d = truth.pools.find((p) => p.chainId === 31337)!;
    const rows = await db.handle.db.select().from(poolSwaps).where(eq(poolSwaps.chainId, 31337));
    expect(truth.pegEpisodes.map((e) => e.severity)).toEqual(["high", "severe"]);
    const worstOf: number[] = [];
    for (const e of truth.pegEpisodes) {
      const inside = rows.filter((r) => r.blockTime.getTime() / 1000 >= e.from && r.blockTime.getTime() / 1000 < e.to + 60);
      expect(inside).toHaveLength(7); // the sell and six buy-backs
      const worst = Math.min(...inside.map((r) => deviationBps(r.sqrtPriceX96, d.usd1IsToken0, d.quoteDecimals)));
      expect(worst).toBeLessThanOrEqual(-e.minDeviationBps);
      worstOf.push(worst);
    }
    const outside = rows.filter((r) => truth.pegEpisodes.every((e) => r.blockTime.getTime() / 1000 < e.from || r.blockTime.getTime() / 1000 > e.to + 60));
    // This seed's figures: the sell's own price, -80 and -272 bps (truncated towards zero).
    expect(worstOf).toEqual([-80, -272]);
    const normal = outside.map((r) => deviationBps(r.sqrtPriceX96, d.usd1IsToken0, d.quoteDecimals));
    expect([Math.min(...normal), Math.max(...normal)]).toEqual([0, 4]);
  });

  it("shows the liquidity drop: in-range liquidity falls by 60% at the planted burn", async () => {
    const [drop] = truth.liquidityDrops;
    expect(drop?.chainId).toBe(31338);
    const rows = await db.handle.db.select().from(poolSwaps).where(eq(poolSwaps.chainId, 31338)).orderBy(asc(poolSwaps.blockNumber));
    const before = rows.filter((r) => r.blockTime.getTime() / 1000 < drop!.ts);
    const after = rows.filter((r) => r.blockTime.getTime() / 1000 > drop!.ts);
    expect(new Set(before.map((r) => r.liquidity))).toEqual(new Set([drop!.before]));
    expect(new Set(after.map((r) => r.liquidity))).toEqual(new Set([drop!.after]));
  });

  it("indexes every reserve report with its planned figure and time; one day 6% under supply, one gap over 24 h", async () => {
    const rows = await db.handle.db.select().from(reserveReports).orderBy(asc(reserveReports.blockNumber));
    expect(rows.map((r) => [r.reservesWei, r.reportedAt.getTime() / 1000, r.answer])).toEqual(
      truth.reserveReports.map((r) => [r.reservesWei, r.ts, r.reservesWei]),
    );
    expect(rows.map((r) => r.roundId)).toEqual(rows.map((_, i) => BigInt(i + 1)));
    const under = truth.reserveReports.filter((r) => r.reservesWei < r.supplyWei);
    expect(under.length).toBeGreaterThan(0);
    expect(under.every((r) => r.ts >= truth.underCollateralised!.from && r.ts < truth.underCollateralised!.to)).toBe(true);
    // Reserves fall more than 5% into the planted day; a normal gap between reports stays under 6 hours.
    const firstUnder = truth.reserveReports.findIndex((r) => r.reservesWei < r.supplyWei);
    const [prev, cur] = [truth.reserveReports[firstUnder - 1]!, truth.reserveReports[firstUnder]!];
    expect((cur.reservesWei * 100n) / prev.reservesWei).toBeLessThan(95n);
    expect(truth.stale!.to - truth.stale!.from).toBeGreaterThan(24 * 3_600);
    const gaps = truth.reserveReports.slice(1).map((r, i) => r.ts - truth.reserveReports[i]!.ts);
    expect(gaps.filter((g) => g >= 6 * 3_600)).toEqual([truth.stale!.to - truth.stale!.from]);
  });
});
