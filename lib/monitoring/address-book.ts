import type { AddressTag, EntityKind, LicenceStatus } from "@/db/schema/registry";
import { ZERO_ADDRESS } from "./types";

/** Attribution of one address on one chain (registry row joined with its entity). */
export type AddressInfo = {
  address: string;
  entityId: number | null;
  entityName: string | null;
  kind: EntityKind | null;
  country: string | null;
  licenceStatus: LicenceStatus | null;
  label: string | null;
  tags: readonly AddressTag[];
};

/** Which subjects a rule leaves alone (documented per rule in lib/monitoring/README.md). */
export type Exemption = { kinds: ReadonlySet<EntityKind>; tags: ReadonlySet<AddressTag> };

export function exemption(kinds: readonly EntityKind[], tags: readonly AddressTag[]): Exemption {
  return { kinds: new Set(kinds), tags: new Set(tags) };
}

/** The registry of one chain, for lookups in the hot loop. */
export class AddressBook {
  private readonly byAddress = new Map<string, AddressInfo>();

  constructor(rows: readonly AddressInfo[]) {
    for (const r of rows) this.byAddress.set(r.address, r);
  }

  get(address: string): AddressInfo | undefined {
    return this.byAddress.get(address);
  }

  isExempt(address: string, ex: Exemption): boolean {
    const info = this.byAddress.get(address);
    if (!info) return false;
    if (info.kind !== null && ex.kinds.has(info.kind)) return true;
    for (const t of info.tags) if (ex.tags.has(t)) return true;
    return false;
  }

  hasTag(address: string, tag: AddressTag): boolean {
    return this.byAddress.get(address)?.tags.includes(tag) ?? false;
  }

  /** Addresses carrying any of the tags. */
  withTags(tags: readonly AddressTag[]): string[] {
    const out: string[] = [];
    for (const [a, info] of this.byAddress) if (info.tags.some((t) => tags.includes(t))) out.push(a);
    return out;
  }

  entityId(address: string): number | null {
    return this.byAddress.get(address)?.entityId ?? null;
  }

  /** ISO-2 country of the address's entity; 'ZZ' when unattributed (never guessed). */
  country(address: string): string {
    return this.byAddress.get(address)?.country ?? "ZZ";
  }

  /** "Najd Exchange Co. (0x12ab…cdef)", "the zero address", or the short address alone. */
  describe(address: string): string {
    if (address === ZERO_ADDRESS) return "the zero address";
    const info = this.byAddress.get(address);
    const name = info?.entityName ?? info?.label;
    return name ? `${name} (${shortAddress(address)})` : `unattributed wallet ${shortAddress(address)}`;
  }
}

export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

export type WatchlistEntry = { address: string; listName: string; reference: string };

/**
 * The registry as a list for R1: an address tagged `sanctioned` or `high_risk` (the tags the
 * registry's badges show in red) is an entry of the list named "registry", so what the badge says
 * and what the rule does are one fact. Tags live on addresses; entities carry none.
 */
export const REGISTRY_LIST = "registry";
export const REGISTRY_LIST_TAGS: readonly AddressTag[] = ["sanctioned", "high_risk"];

/** Whether the "registry" list counts under a rule's `lists` parameter (empty = every list). */
export function registryCounts(lists: ReadonlySet<string>): boolean {
  return lists.size === 0 || lists.has(REGISTRY_LIST);
}

const NONE: WatchlistEntry[] = [];

function registryEntries(book: AddressBook, address: string): WatchlistEntry[] {
  const tags = book.get(address)?.tags;
  // The hot loop meets mostly untagged or hot_wallet addresses: no allocation for them.
  if (!tags || !tags.some((t) => REGISTRY_LIST_TAGS.includes(t))) return NONE;
  return REGISTRY_LIST_TAGS.filter((t) => tags.includes(t)).map((t) => ({
    address,
    listName: REGISTRY_LIST,
    reference: `registry tag ${t}`,
  }));
}

/** Imported list entries and registry tags of an address, for the lists that count; undefined if none. */
export function listedEntries(
  book: AddressBook,
  watchlist: Watchlist,
  lists: ReadonlySet<string>,
  address: string,
): WatchlistEntry[] | undefined {
  const imported = watchlist.lookup(address, lists);
  const tagged = registryCounts(lists) ? registryEntries(book, address) : [];
  if (tagged.length === 0) return imported;
  return imported ? [...imported, ...tagged] : tagged;
}

/** Every listed address (imported lists and registry tags) for the lists that count. */
export function listedAddresses(
  book: AddressBook,
  watchlist: Watchlist,
  lists: ReadonlySet<string>,
): string[] {
  const out = new Set(watchlist.addresses(lists));
  if (registryCounts(lists)) for (const a of book.withTags(REGISTRY_LIST_TAGS)) out.add(a);
  return [...out];
}

/** Imported list entries of one chain. */
export class Watchlist {
  private readonly byAddress = new Map<string, WatchlistEntry[]>();

  constructor(entries: readonly WatchlistEntry[]) {
    for (const e of entries) {
      const list = this.byAddress.get(e.address);
      if (list) list.push(e);
      else this.byAddress.set(e.address, [e]);
    }
  }

  /** Entries for the address, restricted to `lists` unless it is empty (= every list). */
  lookup(address: string, lists: ReadonlySet<string>): WatchlistEntry[] | undefined {
    const found = this.byAddress.get(address);
    if (!found) return undefined;
    if (lists.size === 0) return found;
    const kept = found.filter((e) => lists.has(e.listName));
    return kept.length > 0 ? kept : undefined;
  }

  addresses(lists: ReadonlySet<string>): string[] {
    return [...this.byAddress.keys()].filter((a) => this.lookup(a, lists) !== undefined);
  }
}
