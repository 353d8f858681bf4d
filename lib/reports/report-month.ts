// Which month the monthly report form offers first: the last complete month with data, because
// a supervisor files the month that has ended, and an empty month is rarely the one wanted.

/** "YYYY-MM" of the month before `month`. */
export function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 2, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * The newest month with data that has ended; else the current month, if it has data; else the
 * month before the current one.
 * @param monthsWithData "YYYY-MM", any order.
 */
export function defaultReportMonth(monthsWithData: readonly string[], now: Date): string {
  const current = now.toISOString().slice(0, 7);
  const sorted = [...monthsWithData].sort().reverse();
  return sorted.find((m) => m < current) ?? sorted.find((m) => m === current) ?? previousMonth(current);
}
