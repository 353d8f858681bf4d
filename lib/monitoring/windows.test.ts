import { describe, expect, it } from "vitest";
import { CountMap, MinHeap, SortedBigints, TimeQueue } from "./windows";

describe("window building blocks", () => {
  it("TimeQueue drops items strictly older than the bound, telling the caller", () => {
    const q = new TimeQueue<{ time: number }>();
    for (let t = 0; t < 100; t++) q.push({ time: t });
    const dropped: number[] = [];
    q.pruneBefore(60, (x) => dropped.push(x.time));
    expect(dropped).toHaveLength(60);
    expect([q.size, q.first()?.time, q.toArray().at(-1)?.time]).toEqual([40, 60, 99]);
  });

  it("CountMap counts distinct keys in a multiset", () => {
    const c = new CountMap<string>();
    ["a", "b", "a"].forEach((k) => c.add(k));
    c.remove("a");
    expect(c.distinct).toBe(2);
    c.remove("a");
    c.remove("zz");
    expect(c.keys()).toEqual(["b"]);
  });

  it("MinHeap pops in key order and can shed entries", () => {
    const h = new MinHeap<{ key: bigint }>();
    [5n, 1n, 9n, 3n, 7n].forEach((key) => h.push({ key }));
    h.filter((x) => x.key !== 3n);
    const out: bigint[] = [];
    for (let x = h.pop(); x !== undefined; x = h.pop()) out.push(x.key);
    expect(out).toEqual([1n, 5n, 7n, 9n]);
  });

  it("SortedBigints keeps a running median", () => {
    const s = new SortedBigints();
    expect(s.median()).toBeUndefined();
    [10n, 30n, 20n].forEach((x) => s.add(x));
    expect(s.median()).toBe(20n);
    s.add(40n);
    expect(s.median()).toBe(25n);
    s.remove(10n);
    s.remove(99n);
    expect([s.size, s.median()]).toEqual([3, 30n]);
  });
});
