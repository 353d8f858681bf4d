// Typed columns shared by the CSV and XLSX engines, so both formats carry the same cells: the
// same neutralised text, the same exact decimals. Money is never a float here.

/**
 * Formula (CSV) injection. OWASP "CSV Injection" (owasp.org/www-community/attacks/CSV_Injection)
 * lists = + - @ tab (0x09) and carriage return (0x0D) as cell starts a spreadsheet may evaluate,
 * and recommends prepending a single quote; OWASP ASVS 5.0 V1.2.10 asks the same for XLSX/ODF
 * and adds NUL. We also treat line feed and the full-width forms (＝＋－＠, which some
 * East Asian Excel locales evaluate) as triggers, and look past leading whitespace, because
 * LibreOffice and Sheets trim it before deciding a cell is a formula. Quoting and "" escaping
 * (the other half of OWASP's advice, RFC 4180 section 2.6–2.7) are the CSV writer's job (csv.ts).
 */
const TRIGGER = /^[\s\u00a0\u3000\0]*[=+\-@\t\r\n\0\uff1d\uff0b\uff0d\uff20]/;

/** Prefixes a single quote to text a spreadsheet could take for a formula. */
export function neutraliseFormula(text: string): string {
  return TRIGGER.test(text) ? `'${text}` : text;
}

const WEI_RE = /^-?\d+$/;
const USD1_DECIMALS = 18;
const ZERO = 48; // "0"
const MINUS = 45; // "-"

/**
 * Wei (decimal string) → USD1 as an exact decimal string with trailing zeros dropped:
 * "1500000000000000000000" → "1500", "1234500000000000000123" → "1234.500000000000000123".
 * String arithmetic only (no BigInt division): this runs once per exported row.
 */
export function weiToUsd1(wei: string): string {
  if (!WEI_RE.test(wei)) throw new RangeError(`not an integer wei amount: ${JSON.stringify(wei)}`);
  const negative = wei.charCodeAt(0) === MINUS;
  // Index scans rather than regex replaces: this is a hot spot of a million-row export.
  let start = negative ? 1 : 0;
  while (start < wei.length - 1 && wei.charCodeAt(start) === ZERO) start++;
  const digits = wei.slice(start);
  const padded = digits.length > USD1_DECIMALS ? digits : digits.padStart(USD1_DECIMALS + 1, "0");
  const point = padded.length - USD1_DECIMALS;
  let end = padded.length;
  while (end > point && padded.charCodeAt(end - 1) === ZERO) end--;
  const whole = padded.slice(0, point);
  const text = end > point ? `${whole}.${padded.slice(point, end)}` : whole;
  return negative && text !== "0" ? `-${text}` : text;
}

/**
 * How a column is typed. `text` is anything people typed or chain data we do not control
 * (labels, names, notes, explanations): always neutralised. The numeric kinds are validated
 * instead, so a negative amount stays a number rather than gaining a quote.
 */
export type CellKind = "text" | "int" | "wei" | "usd1" | "datetime" | "date" | "bool";

/** What a row gives for a cell: numbers as number or decimal string, datetimes as ISO strings. */
export type CellInput = string | number | boolean | null | undefined;

export type ExportColumn<R> = {
  /** snake_case header, the same in CSV and XLSX. */
  header: string;
  kind: CellKind;
  value: (row: R) => CellInput;
  /** XLSX column width in characters. */
  width?: number;
};

/** One table of an export: its columns and its rows, fetched batch by batch. */
export type ExportTable<R> = {
  /** XLSX sheet name (≤ 31 characters). */
  title: string;
  columns: readonly ExportColumn<R>[];
  rows: AsyncIterable<readonly R[]>;
};

/** "2025-03-01T12:00:05.000000Z" or "…05Z" → "2025-03-01 12:00:05" (UTC; fractions kept if any). */
export function isoToSheetDateTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?Z$/.exec(iso);
  if (!m) throw new RangeError(`not a UTC ISO timestamp: ${JSON.stringify(iso)}`);
  const frac = m[3] && /[1-9]/.test(m[3]) ? m[3].replace(/0+$/, "") : "";
  return `${m[1]} ${m[2]}${frac}`;
}

function checked(value: string | number, re: RegExp, kind: CellKind): string {
  const s = String(value);
  if (!re.test(s)) throw new RangeError(`bad ${kind} cell: ${JSON.stringify(s)}`);
  return s;
}

/** A cell as CSV text (UTF-8; empty for null). */
export function csvCell(kind: CellKind, v: CellInput): string {
  if (v === null || v === undefined) return "";
  switch (kind) {
    case "text":
      return neutraliseFormula(String(v));
    case "int":
      return checked(v as string | number, WEI_RE, kind);
    case "wei":
      return checked(v as string, WEI_RE, kind);
    case "usd1":
      return weiToUsd1(String(v));
    case "datetime":
      return isoToSheetDateTime(String(v));
    case "date":
      return checked(v as string, /^\d{4}-\d{2}-\d{2}$/, kind);
    case "bool":
      return v === true ? "true" : "false";
  }
}

/** A cell as an XLSX value: numbers only where exact, dates as Date (UTC), money as text. */
export function xlsxCell(kind: CellKind, v: CellInput): string | number | boolean | Date | null {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case "int": {
      const n = Number(checked(v as string | number, WEI_RE, kind));
      // Beyond 2^53 a double is no longer exact: keep the digits as text.
      return Number.isSafeInteger(n) ? n : String(v);
    }
    case "datetime":
      return new Date(String(v));
    case "date":
      return new Date(`${checked(v as string, /^\d{4}-\d{2}-\d{2}$/, kind)}T00:00:00Z`);
    case "bool":
      return v === true;
    default:
      return csvCell(kind, v);
  }
}
