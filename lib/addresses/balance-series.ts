// The balance chart's points: one per UTC day of the window, carrying the end-of-day balance
// through quiet days (the query returns active days only) and starting from the balance before
// the window.
import type { BalanceHistory } from "@/db/queries/address-history";

const DAY_MS = 86_400_000;

/**
 * Days `fromDay`..`toDay` ("YYYY-MM-DD", inclusive). `fromDay` defaults to the first active day
 * (for the whole history, where the balance before it is 0), `toDay` to the last.
 */
export function fillBalanceDays(
  history: Pick<BalanceHistory, "opening" | "points">,
  range: { fromDay?: string | undefined; toDay?: string | undefined } = {},
): { x: string; values: { balance: string } }[] {
  const out: { x: string; values: { balance: string } }[] = [];
  const { points } = history;
  const byDay = new Map(points.map((p) => [p.day, p.balance]));
  const first = range.fromDay ?? points[0]?.day;
  const last = range.toDay ?? points.at(-1)?.day;
  if (!first || !last) return out;
  let balance = history.opening;
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    balance = byDay.get(day) ?? balance;
    out.push({ x: day, values: { balance: balance.toString() } });
  }
  return out;
}

/** Longest span drawn day by day; longer ones are drawn week by week (the page stays small). */
export const DAILY_CHART_MAX_DAYS = 120;

/**
 * The chart's points: every day up to DAILY_CHART_MAX_DAYS, else every 7th day counted back from
 * the last (each point still the exact end-of-day balance of its day; the last is the window's end).
 */
export function balanceChartPoints(
  history: Pick<BalanceHistory, "opening" | "points">,
  range: { fromDay?: string | undefined; toDay?: string | undefined } = {},
): { step: "day" | "week"; points: { x: string; values: { balance: string } }[] } {
  const days = fillBalanceDays(history, range);
  if (days.length <= DAILY_CHART_MAX_DAYS) return { step: "day", points: days };
  const last = days.length - 1;
  return { step: "week", points: days.filter((_, i) => (last - i) % 7 === 0) };
}
