// Display formatting, used only at the edge (components). Money stays integer wei (bigint or a
// decimal string of it) until here, and every conversion below is exact integer arithmetic.
import { UNATTRIBUTED } from "@/db/schema/rollups";

/** USD1 has 18 decimals on every EVM chain we index. */
export const USD1_DECIMALS = 18;
const INTEGER_RE = /^-?\d+$/;

export type FormatUsd1Options = {
  /** Fraction digits shown, 0..18; default 2. Rounds half away from zero. */
  decimals?: number;
  /** Append " USD1"; default true. */
  unit?: boolean;
  /** Prefix "+" on positive values (net flows); default false. */
  signed?: boolean;
  /** Thousands separators; default true. */
  group?: boolean;
};

/** Parses wei from a bigint or its decimal string; throws on anything else (never a float). */
export function toWei(value: bigint | string): bigint {
  if (typeof value === "bigint") return value;
  if (!INTEGER_RE.test(value)) throw new RangeError(`not an integer wei amount: ${JSON.stringify(value)}`);
  return BigInt(value);
}

/** "1,234,567.89 USD1". A value that rounds to zero prints unsigned ("0.00 USD1", not "-0.00"). */
export function formatUsd1(wei: bigint | string, opts: FormatUsd1Options = {}): string {
  const decimals = opts.decimals ?? 2;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > USD1_DECIMALS) {
    throw new RangeError(`decimals must be an integer in 0..${USD1_DECIMALS}, got ${decimals}`);
  }
  const value = toWei(wei);
  const magnitude = value < 0n ? -value : value;
  const step = 10n ** BigInt(USD1_DECIMALS - decimals);
  let units = magnitude / step;
  // Half-up on the magnitude, i.e. half away from zero for negatives (symmetric).
  if (step > 1n && (magnitude % step) * 2n >= step) units += 1n;

  const scale = 10n ** BigInt(decimals);
  const whole = (units / scale).toString();
  let text = opts.group === false ? whole : groupDigits(whole);
  if (decimals > 0) text += `.${(units % scale).toString().padStart(decimals, "0")}`;

  let sign = "";
  if (units !== 0n) {
    if (value < 0n) sign = "-";
    else if (opts.signed) sign = "+";
  }
  return `${sign}${text}${opts.unit === false ? "" : " USD1"}`;
}

/** All 18 decimals, no unit: "1500.000000000000000002" (grouped on request). */
export function formatWeiExact(wei: bigint | string, opts: { group?: boolean } = {}): string {
  return formatUsd1(wei, { decimals: USD1_DECIMALS, unit: false, group: opts.group ?? false });
}

/** "1,234,567"; accepts a safe integer, a bigint or its decimal string. */
export function formatInt(value: number | bigint | string): string {
  if (typeof value === "number" && !Number.isSafeInteger(value)) {
    throw new RangeError(`not a safe integer: ${value}`);
  }
  const n = typeof value === "string" ? toWei(value) : BigInt(value);
  return n < 0n ? `-${groupDigits((-n).toString())}` : groupDigits(n.toString());
}

/** "1 mint", "2 mints", "1,204 transfers"; pass `plural` when adding "s" is wrong. */
export function formatCount(value: number | bigint, singular: string, plural = `${singular}s`): string {
  return `${formatInt(value)} ${BigInt(value) === 1n ? singular : plural}`;
}

/**
 * "0 blocks", "1 block", "1,204 blocks"; "unknown" when the head is not known yet. A negative
 * lag (head sampled before the last batch landed) means "caught up", so it prints as 0.
 */
export function formatBlockLag(lag: bigint | number | null | undefined): string {
  if (lag === null || lag === undefined) return "unknown";
  return formatCount(BigInt(lag) < 0n ? 0n : BigInt(lag), "block");
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Compact duration, at most two units: "0 s", "45 s", "5 min 3 s", "3 h 5 min", "2 d 3 h". */
export function formatDuration(ms: number): string {
  const abs = Math.floor(Math.abs(ms));
  const units: [number, string][] = [
    [DAY, "d"],
    [HOUR, "h"],
    [MINUTE, "min"],
    [SECOND, "s"],
  ];
  const first = units.findIndex(([size]) => abs >= size);
  if (first === -1) return "0 s";
  const [bigSize, bigLabel] = units[first]!;
  const big = Math.floor(abs / bigSize);
  const next = units[first + 1];
  const small = next ? Math.floor((abs % bigSize) / next[0]) : 0;
  return next && small > 0 ? `${big} ${bigLabel} ${small} ${next[1]}` : `${big} ${bigLabel}`;
}

/** "just now" (under 5 s), "3 h 5 min ago", "in 2 min"; "never" for null. `now` keeps it pure. */
export function formatRelativeTime(at: Date | string | null | undefined, now: Date): string {
  if (at === null || at === undefined) return "never";
  const then = typeof at === "string" ? new Date(at) : at;
  const delta = now.getTime() - then.getTime();
  if (Number.isNaN(delta)) throw new RangeError(`invalid date: ${String(at)}`);
  if (Math.abs(delta) < 5 * SECOND) return "just now";
  return delta > 0 ? `${formatDuration(delta)} ago` : `in ${formatDuration(-delta)}`;
}

/** "2025-03-10 12:00:00 UTC": analysts compare against block explorers, which use UTC. */
export function formatDateTimeUtc(at: Date | string): string {
  const d = typeof at === "string" ? new Date(at) : at;
  return `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });

/** ISO 3166-1 alpha-2 to an English name; ZZ (our unattributed bucket) is never a guess. */
export function formatCountry(code: string): string {
  if (code === UNATTRIBUTED) return "Unattributed";
  try {
    return regionNames.of(code) ?? code;
  } catch {
    // Not a well-formed region code: show what is stored rather than fail the page.
    return code;
  }
}

function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

// ---------------------------------------------------------------------------------------------
// PKR and percentages: exact decimal arithmetic on integers, like everything above.

/** A positive decimal rate such as "278.50" (PKR per USD); at most 9 integer and 8 fraction digits. */
export const RATE_RE = /^\d{1,9}(\.\d{1,8})?$/;

/** "278.50" → 27850n / 100n, exact. Throws on anything that is not a positive decimal string. */
export function parseRate(rate: string): { num: bigint; den: bigint } {
  if (!RATE_RE.test(rate)) throw new RangeError(`not a decimal rate: ${JSON.stringify(rate)}`);
  const [whole, frac = ""] = rate.split(".");
  const num = BigInt(`${whole}${frac}`);
  if (num === 0n) throw new RangeError("rate must be greater than zero");
  return { num, den: 10n ** BigInt(frac.length) };
}

/** Integer division rounding half away from zero (den > 0). */
function divRound(n: bigint, den: bigint): bigint {
  const q = n / den;
  const r = n % den;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice < den) return q;
  return n < 0n ? q - 1n : q + 1n;
}

/**
 * USD1 wei × rate → PKR in 18-decimal units, rounded half away from zero at the last unit.
 * Assumes 1 USD1 = 1 USD (the peg); the rate is configured (PKR_PER_USD), never fetched.
 */
export function convertAtRate(wei: bigint | string, rate: string): bigint {
  const { num, den } = parseRate(rate);
  return divRound(toWei(wei) * num, den);
}

/** "PKR 27,850.00" for 100 USD1 at "278.50". */
export function formatPkr(wei: bigint | string, rate: string, opts: { decimals?: number } = {}): string {
  const pkr = formatUsd1(convertAtRate(wei, rate), { decimals: opts.decimals ?? 2, unit: false });
  return pkr.startsWith("-") ? `-PKR ${pkr.slice(1)}` : `PKR ${pkr}`;
}

/**
 * part / whole as a percentage string with `decimals` digits ("12.35%"), exact (bigint ratio,
 * half away from zero); "—" when whole is zero.
 */
export function formatShare(part: bigint | string, whole: bigint | string, decimals = 2): string {
  const w = toWei(whole);
  if (w === 0n) return "—";
  const scaled = divRound(toWei(part) * 100n * 10n ** BigInt(decimals), w);
  const neg = scaled < 0n;
  const abs = neg ? -scaled : scaled;
  const scale = 10n ** BigInt(decimals);
  const frac = decimals > 0 ? `.${(abs % scale).toString().padStart(decimals, "0")}` : "";
  return `${neg ? "-" : ""}${groupDigits((abs / scale).toString())}${frac}%`;
}

const COMPACT_UNITS: [bigint, string][] = [
  [10n ** 12n, "T"],
  [10n ** 9n, "B"],
  [10n ** 6n, "M"],
  [10n ** 3n, "k"],
];

/** Axis-style "1.2M", "950", "-3.4k" (one decimal, half away from zero); exact on the wei. */
export function formatUsd1Compact(wei: bigint | string): string {
  const value = toWei(wei);
  const abs = value < 0n ? -value : value;
  const sign = value < 0n ? "-" : "";
  const one = 10n ** BigInt(USD1_DECIMALS);
  for (const [size, suffix] of COMPACT_UNITS) {
    if (abs >= size * one) {
      const tenths = divRound(abs * 10n, size * one);
      // 999.95k rounds to 1000.0k: still printed with the smaller unit, which is correct, just long.
      const text = tenths % 10n === 0n ? `${tenths / 10n}` : `${tenths / 10n}.${tenths % 10n}`;
      return `${sign}${text}${suffix}`;
    }
  }
  const text = formatUsd1(abs, { decimals: abs < one && abs !== 0n ? 2 : 0, unit: false });
  return text === "0" || text === "0.00" ? "0" : `${sign}${text}`;
}
