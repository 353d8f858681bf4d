// Hand-built logs for rule tests: numbered wallets, USD amounts in exact wei, times in seconds.
import type { TokenEventKind, TransferKind } from "@/db/schema/chain";
import type { RuleParamsJson } from "@/db/schema/monitoring";
import { AddressBook, Watchlist, type AddressInfo, type WatchlistEntry } from "../address-book";
import { createEngine, type PriorEpisode } from "../engine";
import { emptySeeds, type EngineSeeds, type RuleModule } from "../rule";
import type { AlertRecord, MonitorEvent, MonitorItem, MonitorTransfer } from "../types";

export const CHAIN = 31337;
export const T0 = 1_767_225_600; // 2026-01-01T00:00:00Z
export const MIN = 60;
export const HOUR = 3_600;
export const DAY = 86_400;

export function wallet(n: number): string {
  return `0x${n.toString(16).padStart(40, "0")}`;
}

export function usd(n: number): bigint {
  return BigInt(n) * 10n ** 18n;
}

let seq = 0;

/** A transfer in its own block (block = a fresh sequence number, so order = creation order). */
export function transfer(
  from: string,
  to: string,
  amount: bigint,
  time: number,
  kind: TransferKind = "transfer",
): MonitorTransfer {
  seq += 1;
  return {
    type: "transfer",
    block: seq,
    logIndex: 0,
    time,
    txHash: `0x${seq.toString(16).padStart(64, "0")}`,
    from,
    to,
    amount,
    kind,
  };
}

/** The token contract the fixtures' token events come from. */
export const TOKEN = wallet(0x70);

export function tokenEvent(
  kind: TokenEventKind,
  time: number,
  f: Partial<
    Pick<
      MonitorEvent,
      "actor" | "subject" | "counterparty" | "amount" | "txHash" | "emitter" | "args" | "block" | "logIndex"
    >
  > = {},
): MonitorEvent {
  seq += 1;
  return {
    type: "event",
    block: f.block ?? seq,
    logIndex: f.logIndex ?? 1,
    time,
    txHash: f.txHash ?? `0x${seq.toString(16).padStart(64, "0")}`,
    emitter: f.emitter ?? TOKEN,
    kind,
    actor: f.actor ?? null,
    subject: f.subject ?? null,
    counterparty: f.counterparty ?? null,
    amount: f.amount ?? null,
    args: f.args ?? {},
  };
}

/** A plain transfer, mint or burn at a given position of an existing transaction. */
export function transferIn(
  at: { block: number; txHash: string; logIndex: number },
  from: string,
  to: string,
  amount: bigint,
  time: number,
  kind: TransferKind = "transfer",
): MonitorTransfer {
  return {
    type: "transfer",
    block: at.block,
    logIndex: at.logIndex,
    time,
    txHash: at.txHash,
    from,
    to,
    amount,
    kind,
  };
}

export function entityRow(
  address: string,
  e: Partial<Omit<AddressInfo, "address">> & { entityId: number },
): AddressInfo {
  return {
    address,
    entityName: e.entityName ?? `Entity ${e.entityId}`,
    kind: e.kind ?? "exchange",
    country: e.country ?? "AE",
    licenceStatus: e.licenceStatus ?? "licensed",
    label: e.label ?? null,
    tags: e.tags ?? ["hot_wallet"],
    entityId: e.entityId,
  };
}

export function taggedRow(address: string, tags: AddressInfo["tags"]): AddressInfo {
  return {
    address,
    entityId: null,
    entityName: null,
    kind: null,
    country: null,
    licenceStatus: null,
    label: null,
    tags,
  };
}

export type RunRuleOptions = {
  params?: RuleParamsJson;
  book?: AddressInfo[];
  watchlist?: WatchlistEntry[];
  seeds?: EngineSeeds;
  episodes?: PriorEpisode[];
  /** Logs replayed before `items` without raising (an incremental run's context). */
  prime?: MonitorItem[];
};

/** Runs one rule (defaults overridden by `params`) over the logs; returns what it raised. */
export function runRule(rule: RuleModule, items: MonitorItem[], o: RunRuleOptions = {}): AlertRecord[] {
  const instance = rule.instantiate({ ...rule.defaults, ...o.params });
  const all = [...(o.prime ?? []), ...items];
  const engine = createEngine({
    chainId: CHAIN,
    rules: [{ instance, version: 1 }],
    book: new AddressBook(o.book ?? []),
    watchlist: new Watchlist(o.watchlist ?? []),
    events: all.filter((i): i is MonitorEvent => i.type === "event"),
    seeds: o.seeds ?? emptySeeds(),
    episodes: o.episodes ?? [],
  });
  for (const i of o.prime ?? []) engine.prime(i);
  for (const i of items) engine.process(i);
  return engine.alerts;
}

/** Evidence as "block:logIndex:role" strings, for exact assertions. */
export function evidenceOf(a: AlertRecord): string[] {
  return a.evidence.map((e) => `${e.block}:${e.role}`);
}

/** A fresh transaction (its own block and hash) to place several logs in, as a governor call emits them. */
export function newTx(): { block: number; txHash: string } {
  seq += 1;
  return { block: seq, txHash: `0x${seq.toString(16).padStart(64, "0")}` };
}
