/**
 * Everyday traffic: remittances into Pakistan, cash-outs, deposits, customer-to-customer payments and
 * hot-wallet rebalancing.
 *
 * Everyday customer wallets keep clear of the planted rules' thresholds (a customer never forwards
 * within 90 minutes of receiving, never gets funds from more than 4 senders in 25 h, never sends a
 * third sub-threshold amount in 25 h: the margins absorb block grouping), so only the planted patterns trip R2–R4 on unattributed wallets.
 * VASP hot wallets are omnibus accounts: their pass-through and fan-in are business as usual.
 */
import type { Address } from "viem";
import { CORRIDOR_WEIGHTS, SOURCE_GROUPS } from "./registry-catalog";
import { fundedWallet, rebalance, type PlanContext } from "./treasury";
import { usdToWei, WEI_PER_CENT, WEI_PER_USD } from "./types";

export const ORGANIC_KINDS = ["remittance", "cashout", "deposit", "p2p", "intra"] as const;
export type OrganicKind = (typeof ORGANIC_KINDS)[number];

/** Actions per simulated day at scale 1 (before seasonality). */
export const BASE_DAILY_COUNTS: Record<OrganicKind, number> = {
  remittance: 150,
  cashout: 75,
  deposit: 25,
  p2p: 30,
  intra: 6,
};

/** Share of remittances paid straight to a recipient's own wallet rather than to a PK VASP. */
const DIRECT_TO_WALLET_SHARE = 0.08;
const REMITTANCE_MEDIAN_USD = 400;
const CASHOUT_MEDIAN_USD = 300;
const MAX_TICKET_USD = 9_500;
const CUSTOMER_COOLDOWN_S = 90 * 60;
const MAX_DISTINCT_SENDERS = 4;
const BAND_LO = 800n * WEI_PER_USD;
const BAND_HI = 1_000n * WEI_PER_USD;
const MIN_CUSTOMER_SEND = 5n * WEI_PER_USD;
const PICK_ATTEMPTS = 12;

function ticket(ctx: PlanContext, medianUsd: number, sigma: number, minUsd: number): bigint {
  const usd = ctx.rng.lognormal(Math.log(medianUsd), sigma);
  return usdToWei(Math.min(MAX_TICKET_USD, Math.max(minUsd, usd)));
}

function share(amount: bigint, fraction: number): bigint {
  return ((amount * BigInt(Math.round(fraction * 10_000))) / 10_000n / WEI_PER_CENT) * WEI_PER_CENT;
}

function pickCustomer(ctx: PlanContext, accept: (a: Address) => boolean): Address | null {
  for (let i = 0; i < PICK_ATTEMPTS; i++) {
    const candidate = ctx.rng.pick(ctx.registry.customers);
    if (!ctx.ledger.isFrozen(candidate) && accept(candidate)) return candidate;
  }
  return null;
}

function recipientCustomer(ctx: PlanContext, ts: number, exclude?: Address): Address | null {
  return pickCustomer(
    ctx,
    (a) => a !== exclude && ctx.ledger.distinctSendersRecent(a, ts) < MAX_DISTINCT_SENDERS,
  );
}

function senderCustomer(ctx: PlanContext, ts: number): Address | null {
  const { ledger } = ctx;
  return pickCustomer(
    ctx,
    (a) => ledger.balanceOf(a) >= MIN_CUSTOMER_SEND && ledger.sinceInbound(a, ts) >= CUSTOMER_COOLDOWN_S,
  );
}

/** A third sub-threshold amount in 24 h would look like structuring: send less instead. */
function avoidStructuring(ctx: PlanContext, ts: number, sender: Address, amount: bigint): bigint {
  if (amount < BAND_LO || amount >= BAND_HI) return amount;
  return ctx.ledger.sendsInBandRecent(sender, ts, BAND_LO, BAND_HI) >= 1 ? share(amount, 0.75) : amount;
}

function pkWallet(ctx: PlanContext): { wallet: Address; entity: (typeof ctx.registry.destinations)[number] } {
  const entity = ctx.rng.weighted(ctx.registry.destinations, (e) => e.weight);
  return { wallet: ctx.rng.pick(entity.wallets), entity };
}

function remittance(ctx: PlanContext, ts: number): void {
  const { rng, registry } = ctx;
  const group = SOURCE_GROUPS[rng.weightedIndex(SOURCE_GROUPS.map((g) => CORRIDOR_WEIGHTS[g]))];
  const entity = rng.weighted(
    registry.sources.filter((s) => s.group === group),
    (s) => s.weight,
  );
  const amount = ticket(ctx, REMITTANCE_MEDIAN_USD, 0.85, 15);
  const direct = rng.chance(DIRECT_TO_WALLET_SHARE) ? recipientCustomer(ctx, ts) : null;
  const to = direct ?? pkWallet(ctx).wallet;
  const from = fundedWallet(ctx, ts, entity, amount);
  ctx.ledger.transfer(ts, from, to, amount, "remittance");
}

function cashout(ctx: PlanContext, ts: number): void {
  const { ledger } = ctx;
  const { entity } = pkWallet(ctx);
  const amount = ticket(ctx, CASHOUT_MEDIAN_USD, 0.8, 10);
  const from = entity.wallets.find((w) => ledger.balanceOf(w) >= amount);
  const to = recipientCustomer(ctx, ts);
  if (from && to) ledger.transfer(ts, from, to, amount, "cashout");
}

function deposit(ctx: PlanContext, ts: number): void {
  const from = senderCustomer(ctx, ts);
  if (!from) return;
  const amount = avoidStructuring(ctx, ts, from, share(ctx.ledger.balanceOf(from), ctx.rng.uniform(0.5, 1)));
  if (amount > 0n) ctx.ledger.transfer(ts, from, pkWallet(ctx).wallet, amount, "deposit");
}

function p2p(ctx: PlanContext, ts: number): void {
  const from = senderCustomer(ctx, ts);
  const to = from ? recipientCustomer(ctx, ts, from) : null;
  if (!from || !to) return;
  const amount = avoidStructuring(
    ctx,
    ts,
    from,
    share(ctx.ledger.balanceOf(from), ctx.rng.uniform(0.1, 0.6)),
  );
  if (amount > 0n) ctx.ledger.transfer(ts, from, to, amount, "p2p");
}

function intra(ctx: PlanContext, ts: number): void {
  const { registry, rng } = ctx;
  rebalance(ctx, ts, rng.pick([...registry.sources, ...registry.destinations]));
}

export const ORGANIC_HANDLERS: Record<OrganicKind, (ctx: PlanContext, ts: number) => void> = {
  remittance,
  cashout,
  deposit,
  p2p,
  intra,
};
