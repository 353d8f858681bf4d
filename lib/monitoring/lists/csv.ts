// The plain list CSV (README "Lists"): a header naming address and, optionally, chain_id,
// list_name and reference, in any order. An empty chain_id means every chain; list_name may be
// left out when the importer names the list. Every row is checked and every error reported.
import { z } from "zod";
import {
  LIST_REFERENCE_MAX,
  listAddressSchema,
  listChainIdSchema,
  listNameSchema,
} from "@/lib/validators/watchlists";
import { parseCsv } from "../watchlist-csv";
import { dedupeEntries, refused, type ListEntry, type ListRowError, type ParsedListFile } from "./types";

const COLUMNS = ["chain_id", "address", "list_name", "reference"] as const;
type Column = (typeof COLUMNS)[number];

const rowSchema = z.object({
  chain_id: listChainIdSchema,
  address: listAddressSchema,
  list_name: listNameSchema,
  reference: z.string().trim().max(LIST_REFERENCE_MAX, `at most ${LIST_REFERENCE_MAX} characters`),
});

export type ParseListCsvOptions = {
  /** The list being imported; rows naming another list are errors. Required without list_name. */
  name?: string;
};

export function parseListCsv(text: string, opts: ParseListCsvOptions = {}): ParsedListFile {
  let rows: string[][];
  try {
    rows = parseCsv(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    return refused("csv", [{ where: "file", message: (e as Error).message }]);
  }
  const [header, ...body] = rows;
  if (!header) return refused("csv", [{ where: "file", message: "the file is empty" }]);
  const names = header.map((h) => h.trim().toLowerCase().replace(/\s+/g, "_"));
  const index = Object.fromEntries(COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<Column, number>;
  if (index.address < 0) {
    return refused("csv", [
      { where: "line 1", message: `the header must name address (columns: ${COLUMNS.join(", ")})` },
    ]);
  }
  const fixedName = opts.name?.trim();
  if (index.list_name < 0 && !fixedName) {
    return refused("csv", [
      { where: "line 1", message: "name the list, or give the file a list_name column" },
    ]);
  }
  if (body.length === 0) return refused("csv", [{ where: "file", message: "the file has no entries" }]);

  const errors: ListRowError[] = [];
  const byList = new Map<string, ListEntry[]>();
  body.forEach((fields, i) => {
    const where = `line ${i + 2}`;
    const cell = (c: Column) => (index[c] >= 0 ? (fields[index[c]] ?? "") : "");
    const parsed = rowSchema.safeParse({
      chain_id: cell("chain_id"),
      address: cell("address"),
      list_name: index.list_name >= 0 ? cell("list_name") : fixedName,
      reference: cell("reference"),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push({ where, message: `${issue.path.join(".") || "row"}: ${issue.message}` });
      }
      return;
    }
    const r = parsed.data;
    if (fixedName && r.list_name !== fixedName) {
      errors.push({
        where,
        message: `list_name: "${r.list_name}" is not the list being imported ("${fixedName}")`,
      });
      return;
    }
    const list = byList.get(r.list_name) ?? [];
    list.push({ chainId: r.chain_id, address: r.address, reference: r.reference });
    byList.set(r.list_name, list);
  });
  if (errors.length > 0) return refused("csv", errors);
  return {
    ok: true,
    format: "csv",
    version: null,
    skipped: 0,
    lists: [...byList].map(([name, entries]) => ({ name, entries: dedupeEntries(entries) })),
  };
}
