// What an admin types on the rule settings page, to and from what a rule stores: USD1 amounts ↔
// integer wei (decimal strings), durations ("24h", "7d") ↔ seconds, percentages ↔ basis points.
// Every conversion is exact integer arithmetic: no float ever touches an amount.
import { WEI_PER_USD } from "./params";

/** Micro-dollars: finer than any threshold a supervisor sets, and never a float. */
export const USD_INPUT_DECIMALS = 6;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** Plain digits, or digits grouped by commas in threes ("10,000"); then an optional fraction. */
const USD_RE = /^(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/;

/** "10,000.50" → 10000500000000000000000n wei; at most 6 decimals, never negative. */
export function parseUsdToWei(text: string): Parsed<bigint> {
  const s = text.trim().replace(/\s*USD1?$/i, "");
  if (s === "") return fail("Enter an amount in USD1, e.g. 10000 or 10000.50.");
  if (s.startsWith("-")) return fail("The amount cannot be negative.");
  const m = USD_RE.exec(s);
  if (!m) return fail("Enter an amount in USD1 using digits, e.g. 10000 or 10000.50.");
  const whole = (m[1] ?? "").replaceAll(",", "");
  const fraction = m[2] ?? "";
  if (fraction.length > USD_INPUT_DECIMALS) {
    return fail(`Use at most ${USD_INPUT_DECIMALS} decimal places.`);
  }
  // 10^24 USD1 is far beyond any supply; the bound keeps the wei inside numeric(78,0) with room.
  if (whole.replace(/^0+/, "").length > 24) return fail("The amount is too large.");
  const scale = 10n ** BigInt(18 - USD_INPUT_DECIMALS);
  const micros =
    BigInt(whole) * 10n ** BigInt(USD_INPUT_DECIMALS) + BigInt(fraction.padEnd(USD_INPUT_DECIMALS, "0"));
  return ok(micros * scale);
}

/** 10000500000000000000000n → "10000.5": exact, no grouping, no trailing zeros (round-trips). */
export function weiToUsdText(wei: bigint | string): string {
  const v = BigInt(wei);
  const whole = v / WEI_PER_USD;
  const frac = (v % WEI_PER_USD).toString().padStart(18, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : whole.toString();
}

const UNIT_SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;
type Unit = keyof typeof UNIT_SECONDS;
const DURATION_RE = /^(\d{1,9})\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?)$/i;

/** "24h", "60 min", "7 days", "3600s" → seconds. A bare number is refused: which unit? */
export function parseDuration(text: string): Parsed<number> {
  const s = text.trim();
  if (/^\d+$/.test(s)) return fail(`Add a unit: ${s}s, ${s}m, ${s}h or ${s}d.`);
  const m = DURATION_RE.exec(s);
  if (!m) return fail("Enter a duration such as 60m, 24h or 7d.");
  const unit = (m[2] ?? "s").charAt(0).toLowerCase() as Unit;
  const seconds = Number(m[1]) * UNIT_SECONDS[unit];
  if (seconds <= 0) return fail("The duration must be longer than zero.");
  return ok(seconds);
}

/** Seconds → the unit a person would say: 86400 → "24h", 604800 → "7d", 3600 → "60m". */
export function formatDurationInput(seconds: number): string {
  if (seconds % 86_400 === 0 && seconds >= 2 * 86_400) return `${seconds / 86_400}d`;
  if (seconds % 3_600 === 0 && seconds >= 2 * 3_600) return `${seconds / 3_600}h`;
  if (seconds % 60 === 0 && seconds >= 60) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** "90", "90%", "12.5" → basis points (9000, 1250); 0.01% … 100%. */
export function parsePercentToBps(text: string): Parsed<number> {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?\s*%?$/.exec(text.trim());
  if (!m) return fail("Enter a percentage such as 90 or 12.5 (at most 2 decimals).");
  const bps = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  if (bps < 1 || bps > 10_000) return fail("Enter a percentage between 0.01 and 100.");
  return ok(bps);
}

/** 9000 → "90", 1250 → "12.5", 1 → "0.01". */
export function formatBpsInput(bps: number): string {
  const frac = String(bps % 100)
    .padStart(2, "0")
    .replace(/0+$/, "");
  return frac ? `${Math.floor(bps / 100)}.${frac}` : String(bps / 100);
}

/** A count or multiple: digits with an optional fraction (the rule's schema decides whether it must be whole). */
export function parseNumber(text: string): Parsed<number> {
  const s = text.trim();
  if (!/^\d{1,9}(\.\d{1,6})?$/.test(s)) return fail("Enter a number, e.g. 5.");
  return ok(Number(s));
}

/** A list typed one per line or comma-separated; blanks dropped, duplicates kept once, order kept. */
export function parseList(text: string): string[] {
  const items = text
    .split(/[\n,]/)
    .map((x) => x.trim())
    .filter((x) => x !== "");
  return [...new Set(items)];
}
