// The balance chart's points: one per UTC day from the first active day to the last, carrying the
// end-of-day balance through quiet days (the query returns active days only).
import type { BalancePoint } from "@/db/queries/addresses";

const DAY_MS = 86_400_000;

export function fillBalanceDays(
  points: readonly BalancePoint[],
): { x: string; values: { balance: string } }[] {
  const out: { x: string; values: { balance: string } }[] = [];
  const byDay = new Map(points.map((p) => [p.day, p.balance]));
  const first = points[0]?.day;
  const last = points.at(-1)?.day;
  if (!first || !last) return out;
  let balance = 0n;
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    balance = byDay.get(day) ?? balance;
    out.push({ x: day, values: { balance: balance.toString() } });
  }
  return out;
}
