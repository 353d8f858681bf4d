/**
 * Issuer-side flows of the plan: issuance on demand (mint + distribution), hot-wallet rebalancing,
 * and redemption (VASP → treasury, then a burn).
 */
import type { Address } from "viem";
import type { Ledger } from "./ledger";
import type { Rng } from "./prng";
import type { Participant, Registry } from "./registry";
import { usdToWei, WEI_PER_USD } from "./types";

export type PlanContext = {
  ledger: Ledger;
  registry: Registry;
  rng: Rng;
  scale: number;
  /** Redeemed into the treasury and not yet burned. */
  pendingBurn: bigint;
};

/** Issuance comes in round lots of USD 500k (scaled). */
const MINT_LOT_USD = 500_000;
/** A VASP buys USD1 from the issuer in tickets with this median (scaled). */
const DISTRIBUTION_MEDIAN_USD = 30_000;
/** PK VASPs redeem when an entity holds more than this (scaled)… */
const REDEEM_THRESHOLD_USD = 25_000;
/** …sending this share of their richest wallet, in whole thousands. */
const REDEEM_SHARE = 0.6;

function roundUpTo(amount: bigint, lot: bigint): bigint {
  return ((amount + lot - 1n) / lot) * lot;
}

function scaledUsd(ctx: PlanContext, usd: number): bigint {
  return usdToWei(Math.max(1_000, Math.round((usd * ctx.scale) / 1_000) * 1_000));
}

/** Mints enough round lots that the treasury holds at least `amount`. */
export function ensureTreasury(ctx: PlanContext, ts: number, amount: bigint): void {
  const { ledger } = ctx;
  const held = ledger.balanceOf(ledger.owner);
  if (held >= amount) return;
  ledger.mint(ts, roundUpTo(amount - held, scaledUsd(ctx, MINT_LOT_USD)));
}

function richest(ledger: Ledger, wallets: readonly Address[]): Address {
  let best = wallets[0];
  if (!best) throw new Error("entity without wallets");
  for (const w of wallets) if (ledger.balanceOf(w) > ledger.balanceOf(best)) best = w;
  return best;
}

/**
 * Makes `wallet` hold at least `need`: first by moving half of a richer sibling hot wallet (an
 * intra-entity move), else by buying a distribution lot from the treasury (minting if needed).
 */
export function fund(
  ctx: PlanContext,
  ts: number,
  wallet: Address,
  siblings: readonly Address[],
  need: bigint,
): void {
  const { ledger, rng } = ctx;
  const held = ledger.balanceOf(wallet);
  if (held >= need) return;
  const donor = richest(ledger, siblings);
  const half = (ledger.balanceOf(donor) / 2n / WEI_PER_USD / 100n) * 100n * WEI_PER_USD;
  if (donor !== wallet && half >= need - held && half > 0n) {
    ledger.transfer(ts, donor, wallet, half, "intra");
    return;
  }
  const lot = scaledUsd(ctx, rng.lognormal(Math.log(DISTRIBUTION_MEDIAN_USD), 0.4));
  const amount = lot > need - held ? lot : roundUpTo(need - held, 1_000n * WEI_PER_USD);
  ensureTreasury(ctx, ts, amount);
  ledger.transfer(ts, ledger.owner, wallet, amount, "distribution");
}

/** Picks an entity's wallet, funded for `need`. */
export function fundedWallet(ctx: PlanContext, ts: number, entity: Participant, need: bigint): Address {
  const wallet = ctx.rng.pick(entity.wallets);
  fund(ctx, ts, wallet, entity.wallets, need);
  return wallet;
}

/** End of day: PK VASPs holding a large float sell part of it back to the issuer. */
export function redeemExcess(ctx: PlanContext, ts: number): void {
  const { ledger, registry } = ctx;
  const threshold = scaledUsd(ctx, REDEEM_THRESHOLD_USD);
  for (const entity of registry.destinations) {
    const total = entity.wallets.reduce((sum, w) => sum + ledger.balanceOf(w), 0n);
    if (total <= threshold) continue;
    const from = richest(ledger, entity.wallets);
    const share = BigInt(Math.round(REDEEM_SHARE * 100));
    const amount = ((ledger.balanceOf(from) * share) / 100n / (1_000n * WEI_PER_USD)) * 1_000n * WEI_PER_USD;
    if (amount <= 0n) continue;
    ledger.transfer(ts, from, ledger.owner, amount, "redemption");
    ctx.pendingBurn += amount;
  }
}

/** Burns what was redeemed (the treasury may have re-issued part of it meanwhile). */
export function burnRedeemed(ctx: PlanContext, ts: number): void {
  const { ledger } = ctx;
  const held = ledger.balanceOf(ledger.owner);
  const amount = ctx.pendingBurn < held ? ctx.pendingBurn : held;
  ctx.pendingBurn = 0n;
  if (amount > 0n) ledger.burn(ts, amount);
}

/** Moves half the difference between an entity's richest and poorest hot wallets. */
export function rebalance(ctx: PlanContext, ts: number, entity: Participant): void {
  const { ledger } = ctx;
  const from = richest(ledger, entity.wallets);
  let to = entity.wallets[0] ?? from;
  for (const w of entity.wallets) if (ledger.balanceOf(w) < ledger.balanceOf(to)) to = w;
  const gap = ledger.balanceOf(from) - ledger.balanceOf(to);
  const amount = (gap / 2n / (100n * WEI_PER_USD)) * 100n * WEI_PER_USD;
  if (from !== to && amount >= 1_000n * WEI_PER_USD) ledger.transfer(ts, from, to, amount, "intra");
}
