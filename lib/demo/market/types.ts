// The demo market's ground truth (issue #17): what was deployed where, and the planted episodes,
// so tests and e2e compare the indexed rows and the views with it.
import type { Address } from "viem";

/** One chain's USD1/USDT pool: real Uniswap v3 core, a demo quote token, the demo router. */
export type PoolDeployment = {
  chainId: number;
  factory: Address;
  router: Address;
  quoteToken: Address;
  quoteSymbol: "USDT";
  quoteDecimals: number;
  pool: Address;
  token0: Address;
  token1: Address;
  usd1IsToken0: boolean;
  /** Fee tier in hundredths of a bip (100 = 0.01%, tick spacing 1, enabled by the factory owner). */
  fee: number;
  /** The price the pool is initialised at (USD1 at +5 bps), and the LP position's range. */
  initTick: number;
  tickLower: number;
  tickUpper: number;
  /** Liquidity of the one position (quote token only: it sits on the far side of the price). */
  liquidity: bigint;
  /** The LP (the market maker's liquidity wallet) and the trading wallet. */
  lp: Address;
  trader: Address;
  /** Quote tokens minted to each of them at deployment (raw units). */
  quoteFunding: bigint;
};

export type ReserveFeedDeployment = {
  chainId: number;
  feed: Address;
  reporter: Address;
  decimals: 18;
  description: string;
};

/** A planted stretch where USD1 trades away from $1 in one pool: one sell, held, then bought back. */
export type PegEpisode = {
  chainId: number;
  pool: Address;
  severity: "high" | "severe";
  /** Plan time of the sell and of the last buy-back (blocks may land up to a few seconds later). */
  from: number;
  to: number;
  soldWei: bigint;
  /** The deviation the episode is planted to reach at least (basis points below $1). */
  minDeviationBps: number;
};

export type LiquidityDrop = {
  chainId: number;
  pool: Address;
  ts: number;
  before: bigint;
  after: bigint;
};

/** One planned report: the figure and the native supply (all chains, plan time) it was set from. */
export type ReserveReportTruth = { ts: number; reservesWei: bigint; supplyWei: bigint };

export type MarketTruth = {
  pools: PoolDeployment[];
  reserveFeed: ReserveFeedDeployment | null;
  pegEpisodes: PegEpisode[];
  liquidityDrops: LiquidityDrop[];
  reserveReports: ReserveReportTruth[];
  /** The day (UTC, [from, to)) whose reports say reserves are below supply. */
  underCollateralised: { from: number; to: number } | null;
  /** The longest gap between two reports, planted: [last report before, first report after]. */
  stale: { from: number; to: number } | null;
};
