/**
 * The suspicious patterns the monitoring rules must catch (DOMAIN.md section 4), planted on purpose.
 * Each uses wallets reserved for it, so everyday traffic neither hides nor imitates it, and leaves
 * margins on every threshold so block grouping (timestamps move by at most a block window) keeps it
 * inside the rule.
 */
import type { Address } from "viem";
import type { Participant } from "./registry";
import { fundedWallet, type PlanContext } from "./treasury";
import { usdToWei, WEI_PER_CENT, type PlantedPattern, type PlantedRule } from "./types";

export type ScriptStep = { ts: number; run: (ctx: PlanContext) => void };
/** A scripted episode: its steps, and the intervals it occupies (kept clear of the pause). */
export type Script = { name: string; busy: [number, number][]; steps: ScriptStep[] };

export type ScriptParams = { startTs: number; endTs: number };

const HOUR = 3_600;
const MINUTE = 60;

/** The hour (UTC) at `fraction` of the period. */
export function anchorAt(p: ScriptParams, fraction: number): number {
  const raw = p.startTs + Math.floor((p.endTs - p.startTs) * fraction);
  return raw - (raw % HOUR);
}

function entityWhere(ctx: PlanContext, pick: (e: Participant) => boolean): Participant {
  const all = [...ctx.registry.sources, ...ctx.registry.destinations];
  const found = all.find(pick);
  if (!found) throw new Error("registry lacks an entity the planted patterns need");
  return found;
}

function reserved(ctx: PlanContext, index: number): Address {
  const wallet = ctx.registry.reserved[index];
  if (!wallet) throw new Error(`registry has fewer than ${index + 1} reserved wallets`);
  return wallet;
}

/** Cash-out from the largest PK VASP to a planted wallet (its funding; not evidence). */
function fundFromPk(ctx: PlanContext, ts: number, to: Address, usd: number): void {
  const pk = ctx.registry.destinations[0];
  if (!pk) throw new Error("registry has no PK destination");
  const amount = usdToWei(usd);
  ctx.ledger.transfer(ts, fundedWallet(ctx, ts, pk, amount), to, amount, "planted");
}

function cents(ctx: PlanContext, lo: number, hi: number): bigint {
  return usdToWei(ctx.rng.uniform(lo, hi));
}

function record(planted: PlantedPattern[], rule: PlantedRule, description: string): number[] {
  const entry: PlantedPattern = { rule, actionIndices: [], description };
  planted.push(entry);
  return entry.actionIndices;
}

/** R2: four sub-threshold sends (USD 850–995) from one wallet within 8 h, into an unlicensed hawala. */
function structuring(p: ScriptParams, planted: PlantedPattern[]): Script {
  const anchor = anchorAt(p, 0.15);
  const evidence = record(
    planted,
    "R2",
    "structuring: 4 transfers of USD 850–995 from one wallet within 8 h",
  );
  const steps: ScriptStep[] = [
    { ts: anchor - 6 * HOUR, run: (ctx) => fundFromPk(ctx, anchor - 6 * HOUR, reserved(ctx, 0), 4_200) },
  ];
  for (let k = 0; k < 4; k++) {
    const ts = anchor + k * 150 * MINUTE;
    steps.push({
      ts,
      run: (ctx) => {
        const sink = entityWhere(ctx, (e) => e.country === "PK" && e.licenceStatus === "unlicensed");
        evidence.push(
          ctx.ledger.transfer(
            ts,
            reserved(ctx, 0),
            ctx.rng.pick(sink.wallets),
            cents(ctx, 850, 995),
            "planted",
          ),
        );
      },
    });
  }
  return { name: "R2 structuring", busy: [[anchor - 6 * HOUR, anchor + 8 * HOUR]], steps };
}

/** R3: USD 4,800 from an unlicensed OTC desk forwarded (97.9%) 20 minutes later. */
function passThrough(p: ScriptParams, planted: PlantedPattern[]): Script {
  const anchor = anchorAt(p, 0.4);
  const out = anchor + 20 * MINUTE;
  const evidence = record(planted, "R3", "rapid pass-through: USD 4,800 in, USD 4,700 out 20 minutes later");
  const steps: ScriptStep[] = [
    {
      ts: anchor,
      run: (ctx) => {
        const otc = entityWhere(ctx, (e) => e.country !== "PK" && e.licenceStatus === "unlicensed");
        const amount = usdToWei(4_800);
        evidence.push(
          ctx.ledger.transfer(
            anchor,
            fundedWallet(ctx, anchor, otc, amount),
            reserved(ctx, 1),
            amount,
            "planted",
          ),
        );
      },
    },
    {
      ts: out,
      run: (ctx) => {
        const pk = entityWhere(ctx, (e) => e.country === "PK" && e.licenceStatus === "pending");
        evidence.push(
          ctx.ledger.transfer(out, reserved(ctx, 1), ctx.rng.pick(pk.wallets), usdToWei(4_700), "planted"),
        );
      },
    },
  ];
  return { name: "R3 pass-through", busy: [[anchor, out]], steps };
}

const FAN_IN_SENDERS = 12;

/** R4: 12 wallets pay one collector within 10 h; 3 h later it moves 95% to a mixer deposit. */
function fanIn(p: ScriptParams, planted: PlantedPattern[]): Script {
  const anchor = anchorAt(p, 0.55);
  const collectorIndex = 2 + FAN_IN_SENDERS;
  const outTs = anchor + (FAN_IN_SENDERS - 1) * 50 * MINUTE + 3 * HOUR;
  const evidence = record(
    planted,
    "R4",
    "fan-in: 12 senders into one wallet within 10 h, then 95% moved out",
  );
  let received = 0n;
  const steps: ScriptStep[] = [
    {
      ts: anchor - 8 * HOUR,
      run: (ctx) => {
        for (let i = 0; i < FAN_IN_SENDERS; i++)
          fundFromPk(ctx, anchor - 8 * HOUR, reserved(ctx, 2 + i), 700);
      },
    },
  ];
  for (let i = 0; i < FAN_IN_SENDERS; i++) {
    const ts = anchor + i * 50 * MINUTE;
    steps.push({
      ts,
      run: (ctx) => {
        const amount = cents(ctx, 150, 600);
        received += amount;
        evidence.push(
          ctx.ledger.transfer(ts, reserved(ctx, 2 + i), reserved(ctx, collectorIndex), amount, "planted"),
        );
      },
    });
  }
  steps.push({
    ts: outTs,
    run: (ctx) => {
      const amount = ((received * 95n) / 100n / WEI_PER_CENT) * WEI_PER_CENT;
      evidence.push(
        ctx.ledger.transfer(outTs, reserved(ctx, collectorIndex), ctx.registry.highRisk, amount, "planted"),
      );
    },
  });
  return { name: "R4 fan-in", busy: [[anchor - 8 * HOUR, outTs]], steps };
}

/** R1: a wallet pays the sanctioned address; 4 h later the sanctioned address pays another wallet. */
function sanctionedContact(p: ScriptParams, planted: PlantedPattern[]): Script {
  const anchor = anchorAt(p, 0.75);
  const back = anchor + 4 * HOUR;
  const sender = 3 + FAN_IN_SENDERS;
  const evidence = record(
    planted,
    "R1",
    "sanctioned counterparty: USD 2,000 to, then USD 1,500 from, the listed address",
  );
  const steps: ScriptStep[] = [
    { ts: anchor - 6 * HOUR, run: (ctx) => fundFromPk(ctx, anchor - 6 * HOUR, reserved(ctx, sender), 2_500) },
    {
      ts: anchor,
      run: (ctx) => {
        evidence.push(
          ctx.ledger.transfer(
            anchor,
            reserved(ctx, sender),
            ctx.registry.sanctioned,
            usdToWei(2_000),
            "planted",
          ),
        );
      },
    },
    {
      ts: back,
      run: (ctx) => {
        evidence.push(
          ctx.ledger.transfer(
            back,
            ctx.registry.sanctioned,
            reserved(ctx, sender + 1),
            usdToWei(1_500),
            "planted",
          ),
        );
      },
    },
  ];
  return { name: "R1 sanctioned", busy: [[anchor - 6 * HOUR, back]], steps };
}

/** Reserved wallets the planted patterns use (the registry must hold at least this many). */
export const RESERVED_WALLETS_NEEDED = 5 + FAN_IN_SENDERS;

export function plantedScripts(p: ScriptParams, planted: PlantedPattern[]): Script[] {
  return [structuring(p, planted), passThrough(p, planted), fanIn(p, planted), sanctionedContact(p, planted)];
}
