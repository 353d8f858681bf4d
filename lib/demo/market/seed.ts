// Configures the demo market's reserve feed and pools for the market follower (issue #17), as an
// operator would configure real ones: rows of reserve_sources and peg_pools.
import type { Db } from "@/db/client";
import { upsertPegPool, upsertReserveSource } from "@/db/queries/market-indexer";
import type { MarketTruth } from "./types";

/** `startBlocks`: per chain, the block the market contracts were deployed at (DemoChain.marketBlock). */
export async function seedMarketSources(db: Db, truth: MarketTruth, startBlocks: Map<number, bigint>) {
  const start = (chainId: number) => {
    const b = startBlocks.get(chainId);
    if (b === undefined) throw new Error(`no market start block for chain ${chainId}`);
    return b;
  };
  for (const d of truth.pools) {
    if (!startBlocks.has(d.chainId)) continue;
    await upsertPegPool(db, {
      chainId: d.chainId,
      address: d.pool,
      dex: "uniswap_v3",
      token0: d.token0,
      token1: d.token1,
      usd1IsToken0: d.usd1IsToken0,
      usd1Decimals: 18,
      quoteSymbol: d.quoteSymbol,
      quoteDecimals: d.quoteDecimals,
      fee: d.fee,
      label: `Uniswap v3 USD1/${d.quoteSymbol} 0.01%`,
      startBlock: start(d.chainId),
    });
  }
  const f = truth.reserveFeed;
  if (f && startBlocks.has(f.chainId)) {
    await upsertReserveSource(db, {
      chainId: f.chainId,
      kind: "aggregator_v3",
      address: f.feed,
      decimals: f.decimals,
      label: f.description,
      startBlock: start(f.chainId),
    });
  }
}
