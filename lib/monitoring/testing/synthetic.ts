// A seeded synthetic chain for monitoring tests and the rebuild benchmark: VASP hot wallets in
// several countries, unattributed customers, issuance, and one planted pattern per rule on
// wallets reserved for it. No balances are tracked: the engine never needs them.
import type { TokenEventKind, TransferKind } from "@/db/schema/chain";
import type { RuleId } from "@/db/schema/monitoring";
import type { SeedAddress, SeedEntity } from "@/db/queries/registry";
import { createRng, type Rng } from "@/lib/demo/simulator/prng";
import { ZERO_ADDRESS } from "../types";

export type SyntheticTransfer = {
  block: number;
  logIndex: number;
  time: number;
  txHash: string;
  from: string;
  to: string;
  amount: bigint;
  kind: TransferKind;
};

export type SyntheticEvent = {
  block: number;
  logIndex: number;
  time: number;
  txHash: string;
  kind: TokenEventKind;
  actor: string | null;
  subject: string | null;
  amount: bigint | null;
};

export type SyntheticChain = {
  chainId: number;
  t0: number;
  blockSeconds: number;
  lastBlock: number;
  entities: SeedEntity[];
  addresses: SeedAddress[];
  watchlist: { chainId: number; address: `0x${string}`; listName: string; reference: string }[];
  transfers: SyntheticTransfer[];
  events: SyntheticEvent[];
  /** Tx hashes of each planted pattern's evidence, by the rule meant to catch it. */
  planted: { rule: RuleId; txHashes: string[] }[];
};

export type SyntheticParams = {
  seed: string;
  chainId: number;
  transfers: number;
  days: number;
  customers: number;
  /**
   * Organic traffic: "vasp" (default; the tests' fixtures) is VASP-heavy, about 45% of transfers
   * between business wallets only; "retail" puts customers on one side of about 70% of transfers
   * (about 30% business-only), the mix the monitor's benchmarks use.
   */
  mix?: SyntheticMix;
};

export type SyntheticMix = "vasp" | "retail";

/** Cumulative shares of the organic branches (see organicAction), per mix. */
const MIXES: Record<SyntheticMix, readonly number[]> = {
  // entity→entity, PK→customer, customer→PK, customer→customer, intra-entity, treasury→source, mint, PK→treasury
  vasp: [0.35, 0.6, 0.75, 0.9, 0.95, 0.98, 0.99],
  retail: [0.21, 0.46, 0.66, 0.9, 0.95, 0.98, 0.99],
};

const USD = 10n ** 18n;
const T0 = 1_767_225_600; // 2026-01-01T00:00:00Z
const BLOCK_SECONDS = 12;
const hex = (prefix: number, n: number) => `0x${prefix.toString(16)}${n.toString(16).padStart(38, "0")}`;
const cents = (usd: number) => BigInt(Math.round(usd * 100)) * 10n ** 16n;

const ENTITIES: SeedEntity[] = [
  { name: "Syn Gulf Exchange", kind: "exchange", country: "AE", licenceStatus: "licensed" },
  { name: "Syn Riyadh Remit", kind: "remittance_provider", country: "SA", licenceStatus: "licensed" },
  { name: "Syn Thames Remit", kind: "remittance_provider", country: "GB", licenceStatus: "licensed" },
  { name: "Syn Dune OTC", kind: "exchange", country: "AE", licenceStatus: "unlicensed" },
  { name: "Syn Tehran Exchange", kind: "exchange", country: "IR", licenceStatus: "licensed" },
  { name: "Syn Indus Exchange", kind: "exchange", country: "PK", licenceStatus: "licensed" },
  { name: "Syn Karachi Remit", kind: "remittance_provider", country: "PK", licenceStatus: "licensed" },
  { name: "Syn Ravi Bank", kind: "bank", country: "PK", licenceStatus: "licensed" },
];
const ISSUER: SeedEntity = { name: "Syn Issuer", kind: "issuer", country: "US", licenceStatus: "licensed" };
/** Entities 0–2 send remittances into Pakistan, 5–7 receive them; the unlicensed OTC (3) only in planted patterns. */
const SOURCES = [0, 1, 2];
const PK = [5, 6, 7];

type Action = {
  time: number;
  transfer?: Pick<SyntheticTransfer, "from" | "to" | "amount" | "kind">;
  event?: Omit<SyntheticEvent, "block" | "logIndex" | "time" | "txHash">;
};

export function generateSynthetic(p: SyntheticParams): SyntheticChain {
  const rng = createRng(`monitoring-synthetic:${p.seed}`);
  const wallets = ENTITIES.map((_, e) => [hex(0xe0, e * 10), hex(0xe0, e * 10 + 1)]);
  const treasury = hex(0xa0, 1);
  const sanctioned = hex(0x5a, 1);
  const customers = Array.from({ length: p.customers }, (_, i) => hex(0xc0, i));
  const span = p.days * 86_400;
  const actions: Action[] = [];
  const send = (time: number, from: string, to: string, amount: bigint, kind: TransferKind = "transfer") =>
    actions.push({ time, transfer: { from, to, amount, kind } });
  const organic = Math.max(0, p.transfers - 60);
  for (let i = 0; i < organic; i++)
    organicAction(rng, T0 + rng.int(0, span), { wallets, customers, treasury }, send, MIXES[p.mix ?? "vasp"]);
  const planted = plantPatterns(T0, span, { wallets, treasury, sanctioned, customers }, actions, send);
  actions.sort((a, b) => a.time - b.time);

  const transfers: SyntheticTransfer[] = [];
  const events: SyntheticEvent[] = [];
  const txOf = new Map<Action, string>();
  let lastBlock = 1;
  let logIndex = 0;
  for (const [n, a] of actions.entries()) {
    const block = 1 + Math.floor((a.time - T0) / BLOCK_SECONDS);
    if (block !== lastBlock) logIndex = 0;
    lastBlock = block;
    const time = T0 + (block - 1) * BLOCK_SECONDS;
    const txHash = `0x${(n + 1).toString(16).padStart(64, "0")}`;
    txOf.set(a, txHash);
    if (a.transfer) transfers.push({ block, logIndex: logIndex++, time, txHash, ...a.transfer });
    if (a.event) events.push({ block, logIndex: logIndex++, time, txHash, ...a.event });
  }
  return {
    chainId: p.chainId,
    t0: T0,
    blockSeconds: BLOCK_SECONDS,
    lastBlock,
    entities: [ISSUER, ...ENTITIES],
    addresses: [
      {
        chainId: p.chainId,
        address: treasury as `0x${string}`,
        entityName: ISSUER.name,
        label: "treasury",
        tags: ["treasury"],
      },
      ...ENTITIES.flatMap((e, i) =>
        (wallets[i] ?? []).map((w) => ({
          chainId: p.chainId,
          address: w as `0x${string}`,
          entityName: e.name,
          label: null,
          tags: ["hot_wallet" as const],
        })),
      ),
    ],
    watchlist: [
      { chainId: p.chainId, address: sanctioned as `0x${string}`, listName: "SYN SDN", reference: "SYN-1" },
    ],
    transfers,
    events,
    planted: planted.map((x) => ({ rule: x.rule, txHashes: x.actions.map((a) => txOf.get(a) as string) })),
  };
}

type World = { wallets: string[][]; customers: string[]; treasury: string };
type Send = (time: number, from: string, to: string, amount: bigint, kind?: TransferKind) => void;

function organicAction(rng: Rng, time: number, w: World, send: Send, mix: readonly number[]): void {
  const [b2b = 0, toCustomer = 0, fromCustomer = 0, c2c = 0, intra = 0, issuance = 0, mint = 0] = mix;
  const ent = (i: number) => rng.pick(w.wallets[i] as string[]);
  const ticket = (median: number) =>
    cents(Math.min(9_500, Math.max(5, rng.lognormal(Math.log(median), 0.8))));
  const r = rng.next();
  if (r < b2b) send(time, ent(rng.pick(SOURCES)), ent(rng.pick(PK)), ticket(400));
  else if (r < toCustomer) send(time, ent(rng.pick(PK)), rng.pick(w.customers), ticket(300));
  else if (r < fromCustomer) send(time, rng.pick(w.customers), ent(rng.pick(PK)), ticket(200));
  else if (r < c2c) send(time, rng.pick(w.customers), rng.pick(w.customers), ticket(80));
  else if (r < intra) {
    const e = rng.int(0, ENTITIES.length);
    send(
      time,
      w.wallets[e]?.[0] as string,
      w.wallets[e]?.[1] as string,
      BigInt(rng.int(1, 50)) * 1_000n * USD,
    );
  } else if (r < issuance)
    send(time, w.treasury, ent(rng.pick(SOURCES)), BigInt(rng.int(10, 60)) * 1_000n * USD);
  else if (r < mint) send(time, ZERO_ADDRESS, w.treasury, 500_000n * USD, "mint");
  else send(time, ent(rng.pick(PK)), w.treasury, BigInt(rng.int(5, 30)) * 1_000n * USD);
}

type PlantWorld = World & { sanctioned: string };

/** One pattern per rule, on reserved wallets 0xf0…, spread over the period. */
function plantPatterns(t0: number, span: number, w: PlantWorld, actions: Action[], send: Send) {
  const out: { rule: RuleId; actions: Action[] }[] = [];
  const mark = (rule: RuleId, fn: () => void) => {
    const before = actions.length;
    fn();
    out.push({ rule, actions: actions.slice(before) });
  };
  const at = (f: number) => t0 + Math.floor(span * f);
  const P = (n: number) => hex(0xf0, n);
  const H = 3_600;
  const pk = w.wallets[5]?.[0] as string;
  send(at(0.05), pk, P(1), 2_500n * USD); // funding (not evidence)
  mark("R1", () => send(at(0.05) + H, P(1), w.sanctioned, 2_000n * USD));
  mark("R2", () => [0, 1, 2].forEach((k) => send(at(0.15) + k * 2 * H, P(2), pk, cents(900 + k * 10))));
  send(at(0.25), w.wallets[3]?.[0] as string, P(3), 4_800n * USD);
  mark("R3", () => send(at(0.25) + 20 * 60, P(3), P(4), 4_700n * USD));
  for (let i = 0; i < 12; i++) send(at(0.35) + i * 30 * 60, P(100 + i), P(5), 300n * USD);
  mark("R4", () => send(at(0.35) + 9 * H, P(5), P(6), 3_420n * USD));
  mark("R5", () =>
    [0, 2, 5, 6, 7].forEach((e, k) => send(at(0.45) + k * H, P(7), w.wallets[e]?.[0] as string, 50n * USD)),
  );
  mark("R6", () => send(at(0.5), P(8), P(9), 12_000n * USD));
  mark("R7", () => send(at(0.55), pk, P(10), 7_000n * USD));
  mark("R8", () => send(at(0.6), w.wallets[4]?.[0] as string, P(11), 100n * USD));
  mark("R9", () => send(at(0.62), w.wallets[3]?.[1] as string, w.wallets[6]?.[1] as string, 100n * USD));
  const frozen = P(12);
  actions.push({
    time: at(0.7),
    event: { kind: "freeze", actor: w.treasury, subject: frozen, amount: null },
  });
  mark("R10", () => send(at(0.7) + H, P(13), frozen, 10n * USD));
  actions.push({
    time: at(0.7) + 2 * H,
    event: { kind: "unfreeze", actor: w.treasury, subject: frozen, amount: null },
  });
  mark("R11", () => send(at(0.8), ZERO_ADDRESS, P(14), 1_000n * USD, "mint"));
  mark("R12", () =>
    [0, 1, 2, 3, 4].forEach((k) => send(at(0.9) + k * 12 * H, P(15), P(200 + k), 200n * USD)),
  );
  return out;
}
