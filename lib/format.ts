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
