/**
 * Sliding-window building blocks. Windows are inclusive: an item at time `x` is inside the
 * window ending at `t` when t − x ≤ window (so "within 60 min" includes exactly 60 min).
 */

/** Time-ordered queue; pruning from the front is amortised O(1). */
export class TimeQueue<T extends { time: number }> {
  private items: T[] = [];
  private head = 0;

  push(item: T): void {
    this.items.push(item);
  }

  /** Drops items with time < minTime, oldest first, telling `onDrop` about each. */
  pruneBefore(minTime: number, onDrop?: (item: T) => void): void {
    for (let x = this.shiftBefore(minTime); x !== undefined; x = this.shiftBefore(minTime)) onDrop?.(x);
  }

  /**
   * Removes and returns the oldest item when its time is < minTime; undefined when there is none.
   * Called until undefined it is a prune whose caller handles each dropped item inline (no
   * callback created per call: this runs per transfer).
   */
  shiftBefore(minTime: number): T | undefined {
    if (this.head < this.items.length) {
      const first = this.items[this.head] as T;
      if (first.time < minTime) {
        this.head++;
        return first;
      }
    }
    if (this.head > 32 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return undefined;
  }

  get size(): number {
    return this.items.length - this.head;
  }

  first(): T | undefined {
    return this.items[this.head];
  }

  /** The newest item, if any. */
  last(): T | undefined {
    return this.size > 0 ? this.items[this.items.length - 1] : undefined;
  }

  toArray(): T[] {
    return this.items.slice(this.head);
  }
}

/** Multiset: how many times each key is in the window; `distinct` is the number of keys. */
export class CountMap<K> {
  private readonly counts = new Map<K, number>();

  add(key: K): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  remove(key: K): void {
    const n = this.counts.get(key);
    if (n === undefined) return;
    if (n <= 1) this.counts.delete(key);
    else this.counts.set(key, n - 1);
  }

  get distinct(): number {
    return this.counts.size;
  }

  keys(): K[] {
    return [...this.counts.keys()];
  }
}

/** Binary min-heap on each item's bigint `key` (a field, not a callback: this runs per transfer). */
export class MinHeap<T extends { key: bigint }> {
  private readonly data: T[] = [];

  get size(): number {
    return this.data.length;
  }

  peek(): T | undefined {
    return this.data[0];
  }

  push(item: T): void {
    const d = this.data;
    d.push(item);
    let i = d.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const up = d[parent] as T;
      if (up.key <= item.key) break;
      d[i] = up;
      i = parent;
    }
    d[i] = item;
  }

  pop(): T | undefined {
    const d = this.data;
    const top = d[0];
    const last = d.pop();
    if (d.length > 0 && last !== undefined) {
      d[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  /** Whether any item satisfies `test`. */
  some(test: (item: T) => boolean): boolean {
    return this.data.some(test);
  }

  /** Keeps only the items `keep` accepts (used to shed expired entries). */
  filter(keep: (item: T) => boolean): void {
    const kept = this.data.filter(keep);
    this.data.length = 0;
    for (const item of kept) this.push(item);
  }

  private siftDown(start: number): void {
    const d = this.data;
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < d.length && (d[l] as T).key < (d[min] as T).key) min = l;
      if (r < d.length && (d[r] as T).key < (d[min] as T).key) min = r;
      if (min === i) return;
      [d[min], d[i]] = [d[i] as T, d[min] as T];
      i = min;
    }
  }
}

/** A per-key state map that creates entries on first use. */
export function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = create();
    map.set(key, v);
  }
  return v;
}

/** Multiset of bigints kept sorted (binary search + splice): O(log n) search, cheap memmove, O(1) median. */
export class SortedBigints {
  private readonly values: bigint[] = [];

  get size(): number {
    return this.values.length;
  }

  private lowerBound(v: bigint): number {
    let lo = 0;
    let hi = this.values.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.values[mid] as bigint) < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(v: bigint): void {
    this.values.splice(this.lowerBound(v), 0, v);
  }

  remove(v: bigint): void {
    const i = this.lowerBound(v);
    if (this.values[i] === v) this.values.splice(i, 1);
  }

  /** Middle value; the mean of the two middle values (rounded down) when the count is even. */
  median(): bigint | undefined {
    const n = this.values.length;
    if (n === 0) return undefined;
    const mid = n >> 1;
    return n % 2 === 1
      ? this.values[mid]
      : ((this.values[mid - 1] as bigint) + (this.values[mid] as bigint)) / 2n;
  }
}

/** The key's queue (created on first use) with everything older than `now − windowSeconds` dropped. */
export function windowOf<K, T extends { time: number }>(
  queues: Map<K, TimeQueue<T>>,
  key: K,
  now: number,
  windowSeconds: number,
): TimeQueue<T> {
  let q = queues.get(key);
  if (q === undefined) {
    q = new TimeQueue<T>();
    queues.set(key, q);
  }
  q.pruneBefore(now - windowSeconds);
  return q;
}

/** True when the queue holds nothing at or after `horizon` (its newest item is older). */
export function expiredBy<T extends { time: number }>(q: TimeQueue<T> | undefined, horizon: number): boolean {
  const newest = q?.last();
  return newest === undefined || newest.time < horizon;
}

/** Chain time between two sweeps at least: a short window's map is walked hourly otherwise. */
const SWEEP_EVERY_SECONDS = 86_400;

/**
 * Forgets per-key window state nothing can use any more, once per window (a day at least) of
 * chain time: `expired(state, horizon)` says whether every item it holds is older than
 * `now − windowSeconds`.
 * Without it a rule keeps every wallet it ever saw, with its last window of transfers, to the
 * end of a rebuild (a million transfers held, most of the time then spent in GC). A forgotten
 * key starts again from empty state, which is what its expired state amounts to: the rules keep
 * running totals only relative to the items they hold.
 */
export function sweeper<K, V>(
  map: Map<K, V>,
  windowSeconds: number,
  expired: (state: V, horizon: number) => boolean,
): (now: number) => void {
  let next = -Infinity;
  return (now) => {
    if (now < next) return;
    next = now + Math.max(windowSeconds, SWEEP_EVERY_SECONDS);
    const horizon = now - windowSeconds;
    for (const [key, state] of map) if (expired(state, horizon)) map.delete(key);
  };
}
