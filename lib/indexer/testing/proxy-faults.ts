// The random part of the flaky RPC proxy: a seeded PRNG and, per request, which fault (if any)
// it gets, its latency and which items get a JSON-RPC error.
import { REQUEST_FAULTS, type Options, type RequestFault } from "./proxy-options";
import type { RpcRequest } from "./rpc-limits";

export type FaultCtx = {
  opts: Options;
  rng: () => number;
  /** Eligible requests seen so far (the position in `firstFaults`). */
  eligibleSeen: number;
};
export type Plan = { requestFault: RequestFault | null; delayMs: number; itemFaults: boolean[] };

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function planFaults(ctx: FaultCtx, items: RpcRequest[]): Plan {
  const { rng, opts } = ctx;
  // A fixed number of draws per request whatever the outcome, so one fault never shifts the rest.
  const requestDraw = rng();
  const delayDraw = rng();
  const itemDraws = items.map(() => rng());
  const eligible = (method: string) => opts.methods === undefined || opts.methods.includes(method);
  if (!items.some((item) => eligible(item.method))) {
    return { requestFault: null, delayMs: 0, itemFaults: items.map(() => false) };
  }
  let acc = 0;
  let requestFault: RequestFault | null = opts.firstFaults?.[ctx.eligibleSeen++] ?? null;
  for (const kind of requestFault ? [] : REQUEST_FAULTS) {
    acc += opts[kind] ?? 0;
    if (requestDraw < acc) {
      requestFault = kind;
      break;
    }
  }
  const [lo, hi] = opts.delayMs ?? [0, 0];
  const itemFaults = items.map(
    (item, i) => eligible(item.method) && (itemDraws[i] ?? 1) < (opts.error500Json ?? 0),
  );
  return { requestFault, delayMs: Math.round(lo + delayDraw * (hi - lo)), itemFaults };
}
