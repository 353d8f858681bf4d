// URL state of the corridors view beyond the shared chain/range params: the corridors table.
import { z } from "zod";
import {
  CORRIDOR_DEFAULT_SORT,
  CORRIDOR_SORTS,
  CORRIDOR_TABLE_PREFIX,
} from "@/components/tables/corridors/corridor-table-params";
import { parseTableParams, type SearchParams } from "./view-params";

/** ISO 3166-1 alpha-2 (any case; upper-cased), "ZZ" being our unattributed bucket. */
export const countryParamSchema = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, `${name} must be a two-letter country code (ZZ = unattributed)`)
    .transform((s) => s.toUpperCase());

export function parseCorridorTableParams(sp: SearchParams) {
  return parseTableParams(sp, {
    prefix: CORRIDOR_TABLE_PREFIX,
    sortable: CORRIDOR_SORTS,
    defaultSort: CORRIDOR_DEFAULT_SORT,
    filters: { origin: countryParamSchema("origin"), destination: countryParamSchema("destination") },
  });
}
