import { generateHistory, SCALE_CHAINS, scaleRegistry } from "./history";
const N = Number(process.argv[2] ?? 200000);
const today = Math.floor(Date.now() / 86_400_000) * 86_400;
const params = { seed: "scale", transfers: N, days: 730, startTs: today - 730 * 86400, chains: SCALE_CHAINS };
const { registry, deposits } = scaleRegistry(params);
const t0 = performance.now();
let rows = 0;
for (const { batch } of generateHistory(params, registry, deposits)) rows += batch.transfers.length;
console.log(rows, Math.round(performance.now() - t0), "ms");
