// URL state of the address page: the address in the path, the history window and its
// counterparties table.
import type { Address } from "viem";
import { z } from "zod";
import { COUNTERPARTY_SORTS } from "@/db/queries/address-history";
import { firstParam } from "./filters";
import { parseTableParams, type Parsed, type SearchParams } from "./view-params";

export const COUNTERPARTY_TABLE_PREFIX = "cp";
export const COUNTERPARTY_DEFAULT_SORT = { id: "volume" as (typeof COUNTERPARTY_SORTS)[number], desc: true };

const addressPathSchema = z
  .string()
  .trim()
  .regex(/^0x[0-9a-fA-F]{40}$/, "An address is 0x followed by 40 hexadecimal digits.")
  .transform((s) => s.toLowerCase() as Address);

/** The `[address]` path segment (URL-decoded by Next), lower-cased. */
export function parseAddressParam(raw: string): Parsed<Address> {
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // Malformed escapes: validate the raw text, which then fails with the same message.
  }
  const r = addressPathSchema.safeParse(decoded);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, errors: r.error.issues.map((i) => ({ param: "address", message: i.message })) };
}

export function parseCounterpartyTableParams(sp: SearchParams) {
  return parseTableParams(sp, {
    prefix: COUNTERPARTY_TABLE_PREFIX,
    sortable: COUNTERPARTY_SORTS,
    defaultSort: COUNTERPARTY_DEFAULT_SORT,
    defaultSize: 10,
  });
}

/**
 * How much history the balance and counterparties cards read (`?window=`): the latest legs (the
 * default, bounded whatever the address), the last N UTC days (today included), or everything.
 */
export const ADDRESS_WINDOWS = ["latest", "7d", "30d", "90d", "365d", "all"] as const;
export type AddressWindowChoice = (typeof ADDRESS_WINDOWS)[number];
export const ADDRESS_WINDOW_DAYS: Partial<Record<AddressWindowChoice, number>> = {
  "7d": 7,
  "30d": 30,
  "90d": 90,
  "365d": 365,
};

export function parseAddressWindowParam(sp: SearchParams): Parsed<AddressWindowChoice> {
  const raw = firstParam(sp.window);
  if (raw === undefined || raw === "") return { ok: true, value: "latest" };
  if ((ADDRESS_WINDOWS as readonly string[]).includes(raw))
    return { ok: true, value: raw as AddressWindowChoice };
  return {
    ok: false,
    errors: [
      {
        param: "window",
        message: `Unknown window "${raw.slice(0, 20)}". Use one of ${ADDRESS_WINDOWS.join(", ")}.`,
      },
    ],
  };
}

/** First instant of a day window: 00:00 UTC of the (days − 1)th day before `now`'s day. */
export function windowSince(days: number, now: Date): Date {
  const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`);
  return new Date(today - (days - 1) * 86_400_000);
}
