import type { Address } from "viem";
import type { NewGovernor } from "./types";

/**
 * The addresses one eth_getLogs asks about: the token and the governors that own(ed) it.
 *
 * Invariant: the database holds every event of a `covered` governor from the chain's start block up
 * to the checkpoint. A governor added later (`pending`) may have emitted events before it was
 * found (roles granted before it took ownership), so the first batch built after it was added
 * carries its history from the start block too (`inFlight` until that batch commits). Whatever
 * the batch boundaries or crashes, a governor's rows are then the same.
 */
export class WatchSet {
  readonly token: Address;
  private readonly covered = new Set<Address>();
  private readonly pending = new Map<Address, NewGovernor>();
  private readonly inFlight = new Map<Address, NewGovernor>();
  private readonly all = new Set<Address>();
  /** Owners that are not contracts (an EOA emits no logs): asked about once, not at every refetch. */
  readonly notContracts = new Set<Address>();
  private readonly listeners: (() => void)[] = [];

  constructor(token: Address) {
    this.token = token;
  }

  /** Every watched governor, whatever the state of its history. */
  get governors(): ReadonlySet<Address> {
    return this.all;
  }

  addresses(): Address[] {
    return [this.token, ...this.all];
  }

  /**
   * The token and the governors whose events up to the checkpoint are all stored: what a second
   * look at stored blocks must find again (a pending governor's events arrive with its history).
   */
  coveredAddresses(): Address[] {
    return [this.token, ...this.covered];
  }

  has(address: Address): boolean {
    return address === this.token || this.all.has(address);
  }

  /** Calls `fn` whenever the address list changes (the log fetcher follows it). */
  onChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  /** A governor read from watched_governors: its history is in the database already. */
  addCovered(address: Address): void {
    this.pending.delete(address);
    this.inFlight.delete(address);
    this.covered.add(address);
    this.add(address);
  }

  /** A governor found now; false when it was watched already. */
  addPending(g: NewGovernor): boolean {
    if (this.has(g.address)) return false;
    this.pending.set(g.address, g);
    this.add(g.address);
    return true;
  }

  /** Governors whose history the next batch must carry; they stay in flight until it commits. */
  takePending(): NewGovernor[] {
    const taken = [...this.pending.values()];
    for (const g of taken) this.inFlight.set(g.address, g);
    this.pending.clear();
    return taken;
  }

  /** The batch carrying these governors' history committed. */
  committed(governors: readonly NewGovernor[]): void {
    for (const g of governors) this.addCovered(g.address);
  }

  /** The pipeline stopped: batches in flight were never written, so their governors are pending again. */
  reset(): void {
    for (const [a, g] of this.inFlight) this.pending.set(a, g);
    this.inFlight.clear();
  }

  private add(address: Address): void {
    if (this.all.has(address)) return;
    this.all.add(address);
    for (const fn of this.listeners) fn();
  }
}
