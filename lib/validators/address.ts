// URL state of the address page: the address in the path and its counterparties table.
import type { Address } from "viem";
import { z } from "zod";
import { COUNTERPARTY_SORTS } from "@/db/queries/addresses";
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
