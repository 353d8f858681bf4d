/**
 * Large synthetic history for the scale benchmarks (issue #18): the demo simulator's cast and
 * distributions (lib/demo/simulator: registry entities and hot wallets, corridor weights, ticket
 * sizes, seasonality, issuance and redemption through the treasury, a bridge desk between chains)
 * at millions of transfers, generated straight into indexer batches instead of through anvil.
 *
 * What it keeps from the simulator: every balance is exact and never negative (amounts in whole
 * cents), supply moves only through treasury mints and burns and the bridge pools, customers never
 * forward within 90 minutes of receiving, and no customer sends a structuring-band amount. What it
 * adds for size: a customer population that grows over the period (≥ 500k distinct wallets at 10M
 * transfers), per-customer deposit addresses attributed to each entity (the registry's bulk), and
 * a volume trend over the period. Deterministic for a seed.
 */
import type { Address, Hash } from "viem";
import { DEMO_CHAINS } from "@/lib/demo/chains";
import {
  buildRegistry,
  type Participant,
  type Registry,
  type SimAddress,
} from "@/lib/demo/simulator/registry";
import { withBridgeRegistry, bridgePool } from "@/lib/demo/simulator/network";
import { deriveAddress } from "@/lib/demo/simulator/registry";
import { CORRIDOR_WEIGHTS, SOURCE_GROUPS } from "@/lib/demo/simulator/registry-catalog";
import { BASE_DAILY_COUNTS, ORGANIC_KINDS } from "@/lib/demo/simulator/organic";
import { dayFactor, HOUR_WEIGHTS, RAMADAN_EID_UPLIFT } from "@/lib/demo/simulator/calendar";
import { createRng, type Rng } from "@/lib/demo/simulator/prng";
import { DAY_SECONDS } from "@/lib/demo/simulator/types";
import type { Batch, BlockHeader, TokenEventRow, TransferRow } from "@/lib/indexer/types";

export const ZERO = "0x0000000000000000000000000000000000000000" as Address;
/** The demo token's address (same on every demo chain); the large seed registers it per chain. */
export const SCALE_TOKEN = "0x8d0d000ee44948fc98c9b98a4fa4921476f08b0d" as Address;
const WEI_PER_CENT = 10n ** 16n;

export type ScaleChain = { chainId: number; name: string; share: number; blockSeconds: number };
/** Ethereum-like 12 s blocks and BNB-like 3 s blocks, half the volume each (DOMAIN.md §1). */
export const SCALE_CHAINS: readonly ScaleChain[] = DEMO_CHAINS.map((c) => ({
  chainId: c.chainId,
  name: c.name,
  share: c.share,
  blockSeconds: c.chainId === 31337 ? 12 : 3,
}));

export type HistoryParams = {
  seed: string;
  /** Total transfers rows over all chains (mints and burns included). */
  transfers: number;
  days: number;
  /** First UTC midnight of the period (unix seconds). */
  startTs: number;
  chains: readonly ScaleChain[];
  /** Attributed deposit addresses per entity (registered on every chain). Default 200. */
  depositAddressesPerEntity?: number;
  /** Chains whose batches are built (all by default); the others are simulated but not emitted. */
  emit?: ReadonlySet<number>;
  /** Customer wallets (unattributed); default max(700k, 7% of transfers). */
  customers?: number;
};

export type ScaleRegistry = Registry & { desk: Address; pools: Record<number, Address> };

/** The demo registry with the bridge desk and pools and every entity's deposit addresses. */
export function scaleRegistry(p: Pick<HistoryParams, "seed" | "chains" | "depositAddressesPerEntity">): {
  registry: ScaleRegistry;
  deposits: Map<string, Address[]>;
} {
  const chainIds = p.chains.map((c) => c.chainId);
  const base = buildRegistry(p.seed, { chainIds });
  const desk = deriveAddress(p.seed, "bridge:desk");
  const pools = Object.fromEntries(chainIds.map((id) => [id, bridgePool(p.seed, id)]));
  const withBridge = withBridgeRegistry(base, desk, pools);
  const perEntity = p.depositAddressesPerEntity ?? 200;
  const deposits = new Map<string, Address[]>();
  const rows: SimAddress[] = [];
  for (const e of [...base.sources, ...base.destinations]) {
    const list = Array.from({ length: perEntity }, (_, i) => deriveAddress(p.seed, `deposit:${e.name}:${i}`));
    deposits.set(e.name, list);
    for (const chainId of chainIds)
      for (const [i, address] of list.entries())
        rows.push({
          chainId,
          address,
          entityName: e.name,
          label: `${e.name} deposit ${i + 1}`,
          tags: ["customer"],
        });
  }
  return {
    registry: { ...withBridge, addresses: [...withBridge.addresses, ...rows], desk, pools },
    deposits,
  };
}

// ---- cheap deterministic hex (hashes and customer addresses need not be keccak) ----

function mix32(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

const HEX_BUF = Buffer.alloc(32);

/** `words` × 8 hex digits, via one Buffer (string concatenation per word was the generator's hot spot). */
function hexWords(seed: number, id: number, words: number): string {
  for (let k = 0; k < words; k++) HEX_BUF.writeUInt32BE(mix32(seed + k * 0x1000193, id), k * 4);
  return HEX_BUF.toString("hex", 0, words * 4);
}

function seedNumber(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

// ---- one chain's state ----

type Wallet = { address: Address; cents: number };

type ChainState = {
  chain: ScaleChain;
  hashSeed: number;
  treasury: Wallet;
  desk: Wallet;
  pool: Address;
  /** The sanctioned and mixer addresses: now and then a customer pays one (rule R1's hits). */
  listed: Address[];
  sources: { p: Participant & { group: string }; wallets: Wallet[] }[];
  destinations: { p: Participant; wallets: Wallet[]; deposits: Wallet[] }[];
  customerCents: Float64Array;
  lastInbound: Float64Array;
  /** Customers holding at least USD 5 (swap-remove list with positions). */
  funded: Int32Array;
  fundedPos: Int32Array;
  fundedCount: number;
  pendingBurn: number;
  txSeq: number;
};

type Row = { ts: number; from: Address; to: Address; cents: number; event?: "bridge_mint" };

const CUSTOMER_COOLDOWN_S = 90 * 60;
const MIN_SEND_CENTS = 500;
const BAND_LO = 80_000;
const BAND_HI = 100_000;
const MINT_LOT_CENTS = 50_000_000;
const DESK_FUNDING_CENTS = 500_000_000;
const REDEEM_THRESHOLD_CENTS = 2_500_000;
const LAST_SECOND = DAY_SECONDS - 120;

export type DayBatch = { dayIndex: number; batch: Batch };

/**
 * Yields one batch per chain per day, in day order (both chains of a day before the next day), each
 * starting right after the previous one of its chain (block 1 first), as the indexer would write them.
 */
export function* generateHistory(
  p: HistoryParams,
  registry: ScaleRegistry,
  deposits: Map<string, Address[]>,
): Generator<DayBatch> {
  const rng = createRng(`${p.seed}:scale`);
  const customerCount = p.customers ?? Math.max(700_000, Math.ceil(p.transfers * 0.07));
  const customerAddr: (Address | undefined)[] = new Array(customerCount);
  const customerSeed = seedNumber(`${p.seed}:customers`);
  const customer = (i: number): Address =>
    (customerAddr[i] ??= `0x${hexWords(customerSeed, i, 5)}` as Address);

  const states = p.chains.map((chain): ChainState => {
    const wallet = (address: Address): Wallet => ({ address, cents: 0 });
    const depositWallets = (name: string) => (deposits.get(name) ?? []).map(wallet);
    return {
      chain,
      hashSeed: seedNumber(`${p.seed}:tx:${chain.chainId}`),
      treasury: wallet(registry.treasury),
      desk: wallet(registry.desk),
      pool: registry.pools[chain.chainId] as Address,
      listed: [registry.sanctioned, registry.highRisk],
      sources: registry.sources.map((s) => ({ p: s, wallets: s.wallets.map(wallet) })),
      destinations: registry.destinations.map((d) => ({
        p: d,
        wallets: d.wallets.map(wallet),
        deposits: depositWallets(d.name),
      })),
      customerCents: new Float64Array(customerCount),
      lastInbound: new Float64Array(customerCount).fill(-1e12),
      funded: new Int32Array(customerCount),
      fundedPos: new Int32Array(customerCount).fill(-1),
      fundedCount: 0,
      pendingBurn: 0,
      txSeq: 0,
    };
  });

  // Day volumes: seasonality × a growth trend (half the mean at the start, 1.5× at the end).
  const weights = Array.from({ length: p.days }, (_, d) => {
    const trend = p.days > 1 ? 0.5 + d / (p.days - 1) : 1;
    return dayFactor(p.startTs + d * DAY_SECONDS, RAMADAN_EID_UPLIFT) * trend;
  });
  const weightSum = weights.reduce((s, w) => s + w, 0);
  let allotted = 0;
  let cumulative = 0;
  const nextBlock = new Map(p.chains.map((c) => [c.chainId, 1n]));
  const kindWeights = ORGANIC_KINDS.map((k) => BASE_DAILY_COUNTS[k]);

  for (let d = 0; d < p.days; d++) {
    const dayStart = p.startTs + d * DAY_SECONDS;
    cumulative += weights[d] as number;
    const dayTarget = Math.round((p.transfers * cumulative) / weightSum) - allotted;
    allotted += dayTarget;
    // Customers joining: the population grows from 35% to all of it over the period.
    const population = Math.max(1, Math.floor(customerCount * (0.35 + (0.65 * (d + 1)) / p.days)));
    const moves = bridgeMoves(rng, states, dayStart);
    for (const s of states) {
      const target = Math.round(dayTarget * s.chain.share);
      const rows: Row[] = [];
      const day = dayRows(s, rng, rows, dayStart, population, customer);
      if (d === 0) {
        mint(s, rows, dayStart + 30, DESK_FUNDING_CENTS);
        pay(s, rows, dayStart + 60, s.treasury, s.desk, DESK_FUNDING_CENTS);
      }
      for (const m of moves) {
        if (m.from === s) {
          pay(s, rows, m.burnTs, s.desk, { address: s.pool, cents: 0 }, m.cents);
          rows.push({ ts: m.burnTs, from: s.pool, to: ZERO, cents: m.cents });
        }
        if (m.to === s) {
          rows.push({ ts: m.mintTs, from: ZERO, to: s.desk.address, cents: m.cents, event: "bridge_mint" });
          s.desk.cents += m.cents;
        }
      }
      // Everyday intents in time order, until the day's share of rows is reached (keeping room
      // for the end-of-day sweeps, redemptions and burn).
      // An intent may come to nothing (no funded sender, a busy recipient): draw 1.5× and stop at the target.
      const intents: number[] = [];
      for (let i = rows.length; i < target * 1.5; i++) intents.push(dayStart + timeOfDay(rng));
      intents.sort((a, b) => a - b);
      const stride = Math.max(1, Math.floor(intents.length / Math.max(1, target - rows.length)));
      for (let i = 0; i < intents.length; i++) {
        if (rows.length + day.swept.size + 20 >= target) break;
        // Thin the surplus evenly over the day rather than running out in the evening.
        if (i % stride !== 0 && rows.length + day.swept.size + 20 >= ((i + 1) / intents.length) * target)
          continue;
        day.organic(
          ORGANIC_KINDS[rng.weightedIndex(kindWeights)] as (typeof ORGANIC_KINDS)[number],
          intents[i] as number,
        );
      }
      day.endOfDay();
      if (p.emit && !p.emit.has(s.chain.chainId)) continue;
      rows.sort((a, b) => a.ts - b.ts);
      const from = nextBlock.get(s.chain.chainId) as bigint;
      const batch = toBatch(s, rows, from, dayStart);
      nextBlock.set(s.chain.chainId, batch.toBlock + 1n);
      yield { dayIndex: d, batch };
    }
  }
}

/** The everyday intents of one chain-day (organic.ts's kinds), writing into `rows`. */
function dayRows(
  s: ChainState,
  rng: Rng,
  rows: Row[],
  dayStart: number,
  population: number,
  customer: (i: number) => Address,
) {
  const sourceWeights = SOURCE_GROUPS.map((g) => CORRIDOR_WEIGHTS[g]);
  /** Deposit addresses that received today, swept to a hot wallet of their entity in the evening. */
  const swept = new Map<Wallet, Wallet[]>();
  const atOrAfterStart = (ts: number) => Math.max(dayStart, ts);

  const credit = (c: number, cents: number, ts: number): void => {
    s.customerCents[c] = (s.customerCents[c] as number) + cents;
    s.lastInbound[c] = ts;
    if ((s.customerCents[c] as number) >= MIN_SEND_CENTS && (s.fundedPos[c] as number) < 0) {
      s.fundedPos[c] = s.fundedCount;
      s.funded[s.fundedCount++] = c;
    }
  };
  const unfund = (c: number): void => {
    const at = s.fundedPos[c] as number;
    if (at < 0) return;
    const last = s.funded[--s.fundedCount] as number;
    s.funded[at] = last;
    s.fundedPos[last] = at;
    s.fundedPos[c] = -1;
  };
  const pickRecipient = (ts: number): number => {
    // Skewed towards longer-standing customers: some wallets are busy, most are not.
    for (let i = 0; i < 6; i++) {
      const c = Math.floor(population * Math.pow(rng.next(), 1.25));
      if ((s.lastInbound[c] as number) < ts - 3600) return c;
    }
    return -1;
  };
  const pickSender = (ts: number): number => {
    for (let i = 0; i < 12 && s.fundedCount > 0; i++) {
      const c = s.funded[rng.int(0, s.fundedCount)] as number;
      if (ts - (s.lastInbound[c] as number) >= CUSTOMER_COOLDOWN_S) return c;
    }
    return -1;
  };
  const payCustomer = (ts: number, from: Wallet, c: number, cents: number): void => {
    from.cents -= cents;
    rows.push({ ts, from: from.address, to: customer(c), cents });
    credit(c, cents, ts);
  };
  const customerPays = (ts: number, c: number, to: Address, cents: number): void => {
    s.customerCents[c] = (s.customerCents[c] as number) - cents;
    if ((s.customerCents[c] as number) < MIN_SEND_CENTS) unfund(c);
    rows.push({ ts, from: customer(c), to, cents });
  };
  const toDeposit = (dest: ChainState["destinations"][number]): Wallet => {
    const w = rng.pick(dest.deposits);
    swept.set(w, dest.wallets);
    return w;
  };

  const remittance = (ts: number): void => {
    const group = SOURCE_GROUPS[rng.weightedIndex(sourceWeights)];
    const src = rng.weighted(
      s.sources.filter((x) => x.p.group === group),
      (x) => x.p.weight,
    );
    const cents = ticket(rng, 400, 0.85, 15);
    const wallet = rng.pick(src.wallets);
    if (wallet.cents < cents) {
      // The VASP buys USD1 from the issuer first (mint on demand, then distribution).
      const lot = Math.max(cents, Math.round(rng.lognormal(Math.log(30_000), 0.6)) * 100);
      pay(s, rows, atOrAfterStart(ts - 1), s.treasury, wallet, lot);
    }
    if (rng.chance(0.08)) {
      const c = pickRecipient(ts);
      if (c >= 0) return payCustomer(ts, wallet, c, cents);
    }
    const dest = rng.weighted(s.destinations, (x) => x.p.weight);
    const to = dest.deposits.length > 0 && rng.chance(0.3) ? toDeposit(dest) : rng.pick(dest.wallets);
    pay(s, rows, ts, wallet, to, cents);
  };
  const cashout = (ts: number): void => {
    const dest = rng.weighted(s.destinations, (x) => x.p.weight);
    const cents = ticket(rng, 300, 0.8, 10);
    const from = dest.wallets.find((w) => w.cents >= cents);
    const c = pickRecipient(ts);
    if (from && c >= 0) payCustomer(ts, from, c, cents);
  };
  const deposit = (ts: number): void => {
    const c = pickSender(ts);
    if (c < 0) return;
    const dest = rng.weighted(s.destinations, (x) => x.p.weight);
    const to = dest.deposits.length > 0 ? toDeposit(dest) : rng.pick(dest.wallets);
    const cents = unbanded(Math.floor((s.customerCents[c] as number) * rng.uniform(0.5, 1)));
    if (cents <= 0) return;
    customerPays(ts, c, to.address, cents);
    to.cents += cents;
  };
  const p2p = (ts: number): void => {
    const c = pickSender(ts);
    const r = c >= 0 ? pickRecipient(ts) : -1;
    if (c < 0 || r < 0 || r === c) return;
    const cents = unbanded(Math.floor((s.customerCents[c] as number) * rng.uniform(0.1, 0.6)));
    if (cents <= 0) return;
    customerPays(ts, c, customer(r), cents);
    credit(r, cents, ts);
  };
  const intra = (ts: number): void => {
    const e = rng.pick([...s.sources.map((x) => x.wallets), ...s.destinations.map((x) => x.wallets)]);
    const rich = e.reduce((a, b) => (b.cents > a.cents ? b : a));
    const poor = e.find((w) => w !== rich);
    if (poor && rich.cents > 200_000)
      pay(s, rows, ts, rich, poor, Math.floor(rich.cents / 300_000) * 100_000);
  };
  const handlers = { remittance, cashout, deposit, p2p, intra };

  return {
    swept,
    organic: (kind: (typeof ORGANIC_KINDS)[number], ts: number) => handlers[kind](ts),
    endOfDay: (): void => {
      if (rng.chance(0.1)) {
        const ts = dayStart + 19 * 3600 + rng.int(0, 3000);
        const c = pickSender(ts);
        if (c >= 0) customerPays(ts, c, rng.pick(s.listed), Math.floor((s.customerCents[c] as number) * 0.5));
      }
      for (const [w, hot] of swept)
        if (w.cents > 0) pay(s, rows, dayStart + 20 * 3600 + rng.int(0, 3000), w, rng.pick(hot), w.cents);
      // PK entities above the threshold redeem; the treasury burns what came back (treasury.ts).
      for (const dest of s.destinations) {
        const held = dest.wallets.reduce((t, w) => t + w.cents, 0);
        if (held <= REDEEM_THRESHOLD_CENTS) continue;
        const richest = dest.wallets.reduce((a, b) => (b.cents > a.cents ? b : a));
        const amount = Math.floor((richest.cents * 0.6) / 100_000) * 100_000;
        if (amount > 0) {
          pay(s, rows, dayStart + 21 * 3600 + rng.int(0, 1800), richest, s.treasury, amount);
          s.pendingBurn += amount;
        }
      }
      if (s.pendingBurn > 0) {
        s.treasury.cents -= s.pendingBurn;
        rows.push({ ts: dayStart + 22 * 3600, from: s.treasury.address, to: ZERO, cents: s.pendingBurn });
        s.pendingBurn = 0;
      }
    },
  };
}

function unbanded(cents: number): number {
  return cents >= BAND_LO && cents < BAND_HI ? Math.floor(cents * 0.75) : cents;
}

function ticket(rng: Rng, medianUsd: number, sigma: number, minUsd: number): number {
  const usd = rng.lognormal(Math.log(medianUsd), sigma);
  return Math.round(Math.min(9_500, Math.max(minUsd, usd)) * 100);
}

function timeOfDay(rng: Rng): number {
  const hour = rng.weightedIndex(HOUR_WEIGHTS);
  return Math.min(LAST_SECOND, hour * 3600 + rng.int(0, 3600));
}

function mint(s: ChainState, rows: Row[], ts: number, cents: number): void {
  s.treasury.cents += cents;
  rows.push({ ts, from: ZERO, to: s.treasury.address, cents });
}

function ensureTreasury(s: ChainState, rows: Row[], ts: number, cents: number): void {
  if (s.treasury.cents - s.pendingBurn >= cents) return;
  const need = cents - (s.treasury.cents - s.pendingBurn);
  mint(s, rows, ts, Math.ceil(need / MINT_LOT_CENTS) * MINT_LOT_CENTS);
}

function pay(s: ChainState, rows: Row[], ts: number, from: Wallet, to: Wallet, cents: number): void {
  if (from === s.treasury) ensureTreasury(s, rows, ts, cents);
  from.cents -= cents;
  to.cents += cents;
  rows.push({ ts, from: from.address, to: to.address, cents });
}

type Move = { from: ChainState; to: ChainState; cents: number; burnTs: number; mintTs: number };

/** Three desk moves a day between random chains, each affordable on its source chain. */
function bridgeMoves(rng: Rng, states: ChainState[], dayStart: number): Move[] {
  if (states.length < 2) return [];
  const out: Move[] = [];
  for (let k = 0; k < 3; k++) {
    const from = rng.pick(states);
    const to = rng.pick(states.filter((x) => x !== from));
    const burnTs = dayStart + rng.int(3600, 20 * 3600);
    const cents = Math.min(
      90_000_000,
      Math.max(100_000, Math.round(rng.lognormal(Math.log(60_000), 0.8)) * 100),
    );
    const committed = out.filter((m) => m.from === from).reduce((t, m) => t + m.cents, 0);
    if (from.desk.cents - committed >= cents)
      out.push({ from, to, cents, burnTs, mintTs: burnTs + rng.int(20, 900) });
  }
  return out;
}

function blockHash(chainId: number, n: bigint): Hash {
  return `0x${hexWords(chainId * 7919, Number(n), 8)}` as Hash;
}

function toBatch(s: ChainState, rows: Row[], fromBlock: bigint, dayStart: number): Batch {
  const bt = s.chain.blockSeconds;
  const genesis = dayStart - Number(fromBlock - 1n) * bt;
  const header = (n: bigint): BlockHeader => ({
    number: n,
    hash: blockHash(s.chain.chainId, n),
    parentHash: blockHash(s.chain.chainId, n - 1n),
    timestamp: genesis + Number(n - 1n) * bt,
  });
  const transfers: TransferRow[] = [];
  const tokenEvents: TokenEventRow[] = [];
  const headers: BlockHeader[] = [];
  let block = -1n;
  let logIndex = 0;
  for (const r of rows) {
    const n = fromBlock + BigInt(Math.floor((r.ts - dayStart) / bt));
    if (n !== block) {
      block = n;
      logIndex = 0;
      headers.push(header(n));
    }
    const txHash = `0x${hexWords(s.hashSeed, s.txSeq++, 8)}` as Hash;
    const amount = BigInt(r.cents) * WEI_PER_CENT;
    const kind = r.from === ZERO ? "mint" : r.to === ZERO ? "burn" : "transfer";
    transfers.push({ blockNumber: n, txHash, logIndex: logIndex++, from: r.from, to: r.to, amount, kind });
    if (r.event === "bridge_mint") {
      // The CCIP pool's mint: the token's Mint event names the pool as caller (isBridgeSql).
      tokenEvents.push({
        blockNumber: n,
        txHash,
        logIndex: logIndex++,
        emitter: SCALE_TOKEN,
        kind: "issuer_mint",
        actor: s.pool,
        subject: r.to,
        counterparty: null,
        amount,
        args: { minter: s.pool, to: r.to, amount: amount.toString() },
      });
    }
  }
  const toBlock = fromBlock + BigInt(DAY_SECONDS / bt) - 1n;
  return {
    chainId: s.chain.chainId,
    fromBlock,
    toBlock,
    transfers,
    tokenEvents,
    headers,
    tip: header(toBlock),
    logCount: transfers.length + tokenEvents.length,
  };
}
