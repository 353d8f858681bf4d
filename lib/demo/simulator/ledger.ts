/**
 * The planner's model of the token: balances, frozen accounts and pause, in integer wei.
 *
 * Invariant: every action appended here would succeed on the token when executed in order. Each
 * method checks what the contract checks (balance, frozen, paused, owner-only) and throws otherwise,
 * so a planner bug fails the plan instead of reverting on chain.
 */
import type { Address } from "viem";
import type { PlannedAction, TransferPurpose } from "./types";

/** Recent history the everyday traffic consults to stay clear of the rules' thresholds. */
type Inbound = { ts: number; from: Address };

/** The rules look back 24 h; an hour more absorbs block grouping, which moves times by < 1 block window. */
export const GUARD_WINDOW_SECONDS = 25 * 3_600;

export type Ledger = ReturnType<typeof createLedger>;

/**
 * `owner` is the treasury (mints and burns move its balance); `admin` sends compliance actions;
 * a drain moves the frozen balance to the `governor` (the token's owner on chain).
 */
export function createLedger(owner: Address, roles: { admin: Address; governor: Address }) {
  const { admin, governor } = roles;
  const actions: PlannedAction[] = [];
  const balances = new Map<Address, bigint>();
  const frozen = new Set<Address>();
  const lastInbound = new Map<Address, number>();
  const recentInbound = new Map<Address, Inbound[]>();
  const recentSends = new Map<Address, { ts: number; amount: bigint }[]>();
  let paused = false;
  let supply = 0n;
  let lastTs = -Infinity;

  const balanceOf = (a: Address) => balances.get(a) ?? 0n;

  function push(action: PlannedAction): number {
    if (action.ts < lastTs) throw new Error(`plan out of order: ${action.ts} after ${lastTs}`);
    lastTs = action.ts;
    actions.push(action);
    return actions.length - 1;
  }

  function requireMovable(ts: number, from: Address, to: Address) {
    if (paused) throw new Error(`transfer planned while paused at ${ts}`);
    if (frozen.has(from)) throw new Error(`transfer from frozen ${from} at ${ts}`);
    if (frozen.has(to)) throw new Error(`transfer to frozen ${to} at ${ts}`);
  }

  function remember<T extends { ts: number }>(map: Map<Address, T[]>, key: Address, entry: T) {
    const list = (map.get(key) ?? []).filter((e) => entry.ts - e.ts < GUARD_WINDOW_SECONDS);
    list.push(entry);
    map.set(key, list);
  }

  function transfer(
    ts: number,
    from: Address,
    to: Address,
    amount: bigint,
    purpose: TransferPurpose,
  ): number {
    if (amount <= 0n) throw new Error(`non-positive transfer ${amount} at ${ts}`);
    if (from === to) throw new Error(`self transfer ${from} at ${ts}`);
    requireMovable(ts, from, to);
    const held = balanceOf(from);
    if (held < amount) throw new Error(`${from} spends ${amount} but holds ${held} at ${ts}`);
    balances.set(from, held - amount);
    balances.set(to, balanceOf(to) + amount);
    lastInbound.set(to, ts);
    remember(recentInbound, to, { ts, from });
    remember(recentSends, from, { ts, amount });
    return push({ kind: "transfer", ts, from, to, amount, purpose });
  }

  function mint(ts: number, amount: bigint): number {
    if (amount <= 0n) throw new Error(`non-positive mint at ${ts}`);
    if (paused) throw new Error(`mint planned while paused at ${ts}`);
    if (frozen.has(owner)) throw new Error("owner is frozen");
    balances.set(owner, balanceOf(owner) + amount);
    supply += amount;
    return push({ kind: "mint", ts, from: owner, amount });
  }

  function burn(ts: number, amount: bigint): number {
    if (amount <= 0n || amount > balanceOf(owner)) throw new Error(`invalid burn ${amount} at ${ts}`);
    if (paused) throw new Error(`burn planned while paused at ${ts}`);
    balances.set(owner, balanceOf(owner) - amount);
    supply -= amount;
    return push({ kind: "burn", ts, from: owner, amount });
  }

  function freeze(ts: number, account: Address): number {
    if (frozen.has(account) || account === owner || account === governor) {
      throw new Error(`cannot freeze ${account} at ${ts}`);
    }
    frozen.add(account);
    return push({ kind: "freeze", ts, from: admin, account });
  }

  function unfreeze(ts: number, account: Address): number {
    if (!frozen.delete(account)) throw new Error(`unfreeze of unfrozen ${account} at ${ts}`);
    return push({ kind: "unfreeze", ts, from: admin, account });
  }

  /** drain: the whole frozen balance moves to the token's owner, the governor (one Transfer log). */
  function drain(ts: number, account: Address): number {
    if (!frozen.has(account) || paused) throw new Error(`cannot drain ${account} at ${ts}`);
    const amount = balanceOf(account);
    balances.set(account, 0n);
    balances.set(governor, balanceOf(governor) + amount);
    return push({ kind: "drain", ts, from: admin, account, amount });
  }

  function setPaused(ts: number, value: boolean): number {
    if (paused === value) throw new Error(`pause state already ${value} at ${ts}`);
    paused = value;
    return push({ kind: value ? "pause" : "unpause", ts, from: admin });
  }

  return {
    owner,
    admin,
    governor,
    actions,
    balanceOf,
    isFrozen: (a: Address) => frozen.has(a),
    isPaused: () => paused,
    supply: () => supply,
    /** Seconds since the address last received anything (Infinity if never). */
    sinceInbound: (a: Address, ts: number) => ts - (lastInbound.get(a) ?? -Infinity),
    /** Distinct senders into `a` over the guard window. */
    distinctSendersRecent: (a: Address, ts: number) =>
      new Set((recentInbound.get(a) ?? []).filter((e) => ts - e.ts < GUARD_WINDOW_SECONDS).map((e) => e.from))
        .size,
    /** Sends by `a` over the guard window whose amount lies in [lo, hi). */
    sendsInBandRecent: (a: Address, ts: number, lo: bigint, hi: bigint) =>
      (recentSends.get(a) ?? []).filter(
        (e) => ts - e.ts < GUARD_WINDOW_SECONDS && e.amount >= lo && e.amount < hi,
      ).length,
    transfer,
    mint,
    burn,
    freeze,
    unfreeze,
    drain,
    pause: (ts: number) => setPaused(ts, true),
    unpause: (ts: number) => setPaused(ts, false),
  };
}
