/**
 * Seeded pseudo-random numbers for the demo simulator: sfc32 seeded through cyrb128.
 *
 * Invariant: the same seed gives the same sequence on every run and machine (integer arithmetic only
 * in the generator; the float transforms use Math.log/sqrt/cos, which are stable on one Node major).
 * Not for cryptography.
 */

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  /** Integer uniform in [min, maxExclusive). */
  int(min: number, maxExclusive: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Normal(mean, sd) via Box–Muller. */
  normal(mean?: number, sd?: number): number;
  /** exp(Normal(mu, sigma)): the median is e^mu. */
  lognormal(mu: number, sigma: number): number;
  /** One element, uniformly. Throws on an empty list. */
  pick<T>(items: readonly T[]): T;
  /** Index drawn with probability proportional to its (non-negative) weight. */
  weightedIndex(weights: readonly number[]): number;
  /** One element drawn with probability proportional to weightOf(element). */
  weighted<T>(items: readonly T[], weightOf: (item: T) => number): T;
  /** A new, independent stream derived from this seed and a label (stable when other streams change). */
  fork(label: string): Rng;
};

/** cyrb128: a fast 128-bit string hash, used only to spread a seed over sfc32's four words. */
function cyrb128(input: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < input.length; i++) {
    const k = input.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 32-bit output in [0, 1). */
function sfc32(seedWords: [number, number, number, number]): () => number {
  let [a, b, c, d] = seedWords;
  const step = () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Discard the first outputs: sfc32 mixes poorly for a few rounds after seeding.
  for (let i = 0; i < 15; i++) step();
  return step;
}

export function createRng(seed: string | number): Rng {
  const seedText = String(seed);
  const next = sfc32(cyrb128(seedText));
  const rng: Rng = {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    int: (min, maxExclusive) => {
      if (!(maxExclusive > min)) throw new Error(`int(): empty range [${min}, ${maxExclusive})`);
      return min + Math.floor(next() * (maxExclusive - min));
    },
    chance: (p) => next() < p,
    normal: (mean = 0, sd = 1) => {
      // 1 - next() is in (0, 1]: log never sees 0.
      const u1 = 1 - next();
      const u2 = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    },
    lognormal: (mu, sigma) => Math.exp(rng.normal(mu, sigma)),
    pick: (items) => {
      if (items.length === 0) throw new Error("pick(): empty list");
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weightedIndex: (weights) => {
      let total = 0;
      for (const w of weights) {
        if (!(w >= 0)) throw new Error(`weightedIndex(): invalid weight ${w}`);
        total += w;
      }
      if (total <= 0) throw new Error("weightedIndex(): weights sum to zero");
      let r = next() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i] ?? 0;
        if (r < 0) return i;
      }
      // Rounding can leave r at ~0 after the loop: return the last positive weight.
      for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] ?? 0) > 0) return i;
      return weights.length - 1;
    },
    weighted: (items, weightOf) => {
      const index = rng.weightedIndex(items.map(weightOf));
      return items[index] as (typeof items)[number];
    },
    fork: (label) => createRng(`${seedText}\u0000${label}`),
  };
  return rng;
}
