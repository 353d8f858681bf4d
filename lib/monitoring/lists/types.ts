// What a list file yields, whatever its format: the lists it holds (each replaces the list of the
// same name), the list's own version when the file states it, and every row error. A file with
// any row error is refused whole (`ok: false`): a list is never half-imported.
import type { Address } from "viem";
import type { WatchlistFormat } from "@/lib/validators/watchlists";

export type ListEntry = {
  /** Null: the entry applies to every chain the monitor watches (now or later). */
  chainId: number | null;
  address: Address;
  /** Why the address is listed: the source's reference, name, uid and programme. */
  reference: string;
};

export type ParsedList = { name: string; entries: ListEntry[] };

/** `where`: "line 4" for a CSV, "sdnEntry uid 36216" for OFAC; "file" for the file as a whole. */
export type ListRowError = { where: string; message: string };

export type ListFileFacts = {
  format: WatchlistFormat;
  /** The list's own version or publish date (OFAC: Publish_Date as YYYY-MM-DD); null if unstated. */
  version: string | null;
  /** Identifiers the format holds that the monitor cannot use (OFAC: non-EVM digital currency ids). */
  skipped: number;
};

export type ParsedListFile =
  | ({ ok: true; lists: ParsedList[] } & ListFileFacts)
  | { ok: false; format: WatchlistFormat | null; errors: ListRowError[]; errorCount: number };

/** At most this many row errors travel back to the page; `errorCount` has the full count. */
export const MAX_REPORTED_ERRORS = 200;

export function refused(format: WatchlistFormat | null, errors: ListRowError[]): ParsedListFile {
  return { ok: false, format, errors: errors.slice(0, MAX_REPORTED_ERRORS), errorCount: errors.length };
}

/**
 * One entry per (chain, address) in a list; an address listed for every chain makes its
 * chain-specific rows redundant (R1 would otherwise see the same listing twice).
 */
export function dedupeEntries(entries: readonly ListEntry[]): ListEntry[] {
  const everyChain = new Set(entries.filter((e) => e.chainId === null).map((e) => e.address));
  const seen = new Set<string>();
  const out: ListEntry[] = [];
  for (const e of entries) {
    if (e.chainId !== null && everyChain.has(e.address)) continue;
    const key = `${e.chainId ?? "*"}|${e.address}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}
