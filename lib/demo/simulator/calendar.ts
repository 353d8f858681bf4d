/**
 * Seasonality of remittances into Pakistan: weekday, payday, time of day and the Ramadan/Eid uplift
 * (DOMAIN.md section 3: +20–30% around Ramadan and Eid).
 */
/** A window [from, to] of UTC dates (inclusive) with a volume multiplier. */
export type UpliftWindow = { from: string; to: string; factor: number; label: string };

/**
 * Approximate Ramadan/Eid dates (Umm al-Qura calendar; national announcements differ by a day).
 * Remittances rise through Ramadan up to Eid al-Fitr, and in the ten days before Eid al-Adha.
 */
export const RAMADAN_EID_UPLIFT: readonly UpliftWindow[] = [
  { from: "2025-03-01", to: "2025-03-31", factor: 1.25, label: "Ramadan / Eid al-Fitr 2025" },
  { from: "2025-05-27", to: "2025-06-06", factor: 1.25, label: "Eid al-Adha 2025" },
  { from: "2026-02-18", to: "2026-03-21", factor: 1.25, label: "Ramadan / Eid al-Fitr 2026" },
  { from: "2026-05-17", to: "2026-05-27", factor: 1.25, label: "Eid al-Adha 2026" },
  { from: "2027-02-08", to: "2027-03-11", factor: 1.25, label: "Ramadan / Eid al-Fitr 2027" },
  { from: "2027-05-06", to: "2027-05-16", factor: 1.25, label: "Eid al-Adha 2027" },
  { from: "2028-01-28", to: "2028-02-27", factor: 1.25, label: "Ramadan / Eid al-Fitr 2028" },
  { from: "2028-04-25", to: "2028-05-05", factor: 1.25, label: "Eid al-Adha 2028" },
];

/** UTC hour-of-day weights: quiet at night, busy over the Gulf and European working day. */
export const HOUR_WEIGHTS: readonly number[] = [
  2, 1, 1, 1, 2, 4, 6, 7, 8, 8, 8, 8, 8, 8, 8, 8, 7, 7, 6, 5, 4, 4, 3, 2,
];

/** Day-of-week multipliers, Sunday first: Friday is payday and the Gulf weekend. */
const WEEKDAY_FACTOR: readonly number[] = [0.9, 1, 1, 1, 1, 1.15, 1.05];
/** Salaries land in the first week of the month. */
const MONTH_START_FACTOR = 1.15;
const MONTH_START_DAYS = 7;

export function dateToUnix(isoDate: string): number {
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`invalid UTC date "${isoDate}"`);
  return ms / 1000;
}

export function unixToDate(ts: number): string {
  return new Date(ts * 1000).toISOString().slice(0, 10);
}

/** Today's UTC midnight as YYYY-MM-DD. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function upliftFactor(dayStartTs: number, windows: readonly UpliftWindow[]): number {
  const date = unixToDate(dayStartTs);
  let factor = 1;
  for (const w of windows) if (date >= w.from && date <= w.to) factor = Math.max(factor, w.factor);
  return factor;
}

/** Volume multiplier of a whole day (before random noise). */
export function dayFactor(dayStartTs: number, windows: readonly UpliftWindow[]): number {
  const d = new Date(dayStartTs * 1000);
  const weekday = WEEKDAY_FACTOR[d.getUTCDay()] ?? 1;
  const payday = d.getUTCDate() <= MONTH_START_DAYS ? MONTH_START_FACTOR : 1;
  return weekday * payday * upliftFactor(dayStartTs, windows);
}
