// Imported sanctions / high-risk lists: CSV with a header naming chain_id, address, list_name
// and reference (any order; reference optional). Every row is validated; one bad row fails the
// whole file, so a list is never half-imported.
import { watchlistRowSchema, type WatchlistRow } from "@/lib/validators/monitoring";

const COLUMNS = ["chain_id", "address", "list_name", "reference"] as const;

/** RFC 4180 fields: commas, quotes ("" inside quotes), CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (quoted) throw new Error("CSV ends inside a quoted field");
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ""));
}

export class WatchlistCsvError extends Error {
  override name = "WatchlistCsvError";
}

export function parseWatchlistCsv(text: string): WatchlistRow[] {
  const [header, ...body] = parseCsv(text.replace(/^\uFEFF/, ""));
  if (!header) throw new WatchlistCsvError("the file is empty");
  const names = header.map((h) => h.trim().toLowerCase().replace(/\s+/g, "_"));
  const index = Object.fromEntries(COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<
    (typeof COLUMNS)[number],
    number
  >;
  const missing = COLUMNS.filter((c) => c !== "reference" && index[c] < 0);
  if (missing.length > 0) {
    throw new WatchlistCsvError(`header must name ${COLUMNS.join(", ")}; missing ${missing.join(", ")}`);
  }
  return body.map((fields, i) => {
    const cell = (c: (typeof COLUMNS)[number]) => (index[c] >= 0 ? fields[index[c]] : undefined);
    const parsed = watchlistRowSchema.safeParse({
      chainId: cell("chain_id"),
      address: cell("address"),
      listName: cell("list_name"),
      reference: cell("reference") ?? "",
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new WatchlistCsvError(
        `line ${i + 2}: ${issue?.path.join(".") ?? "row"}: ${issue?.message ?? "invalid"}`,
      );
    }
    return parsed.data;
  });
}

/** The CSV for a set of rows (the demo writes its lists this way, like any import). */
export function toWatchlistCsv(rows: readonly WatchlistRow[]): string {
  const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [
    COLUMNS.join(","),
    ...rows.map((r) => [r.chainId, r.address, q(r.listName), q(r.reference)].join(",")),
  ].join("\n");
}
