// The registry CSV import's gate (README "Registry CSV import"): decodes, parses and validates the
// whole file before anything is written, and returns either every row or every error. A file with
// one bad row is refused as a whole, so an import never leaves the registry half-applied.
import { CsvError, parse } from "csv-parse/sync";
import type { Address } from "viem";
import type { z } from "zod";
import type { AddressTag, EntityKind, LicenceStatus } from "@/db/schema/registry";
import {
  addressSchema,
  chainIdSchema,
  countrySchema,
  entityKindSchema,
  entityNameSchema,
  licenceStatusSchema,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  tagsSchema,
} from "./registry";

/** Columns in file order; a header row naming them (any order, any case) is required. */
export const REGISTRY_CSV_COLUMNS = [
  "chain_id",
  "address",
  "entity_name",
  "kind",
  "country",
  "licence_status",
  "tags",
] as const;
export type RegistryCsvColumn = (typeof REGISTRY_CSV_COLUMNS)[number];

/** Spellings people type in a spreadsheet header, normalised to ours. */
const HEADER_ALIASES: Record<string, RegistryCsvColumn> = { license_status: "licence_status" };

/** More than this and the list stops helping; the total is still reported. */
export const MAX_REPORTED_ERRORS = 1_000;

/** `row` is the file's line number (the header is line 1); `column` is null for file-level errors. */
export type ImportRowError = { row: number; column: RegistryCsvColumn | null; message: string };

export type RegistryImportRow = {
  row: number;
  chainId: number;
  address: Address;
  entityName: string;
  kind: EntityKind;
  country: string;
  licenceStatus: LicenceStatus;
  tags: AddressTag[];
};

export type RegistryCsvResult =
  | { ok: true; rows: RegistryImportRow[] }
  | { ok: false; errors: ImportRowError[]; errorCount: number; rowCount: number };

const CELL_SCHEMAS = {
  chain_id: chainIdSchema,
  address: addressSchema,
  entity_name: entityNameSchema,
  kind: entityKindSchema,
  country: countrySchema,
  licence_status: licenceStatusSchema,
  tags: tagsSchema,
} satisfies Record<RegistryCsvColumn, z.ZodType>;

/** Decodes the uploaded bytes (UTF-8 only, BOM allowed) and validates them. */
export function parseRegistryCsvBytes(bytes: Uint8Array): RegistryCsvResult {
  if (bytes.byteLength === 0) return fileError("The file is empty.");
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    return fileError(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fileError("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.");
  }
  return parseRegistryCsv(text);
}

/** `info.lines` is the line the record ends on (a quoted field may span lines). */
type ParsedRecord = { record: string[]; info: { lines: number } };

export function parseRegistryCsv(text: string): RegistryCsvResult {
  let records: ParsedRecord[];
  try {
    // With `info`, csv-parse returns {record, info} objects; its types only know plain arrays.
    const out: unknown = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    });
    records = out as ParsedRecord[];
  } catch (err) {
    if (err instanceof CsvError) return fileError(csvErrorMessage(err), lineOf(err));
    throw err;
  }
  const [header, ...data] = records;
  if (!header) return fileError("The file is empty.");
  const columns = readHeader(header.record);
  if (!columns.ok)
    return { ok: false, errors: columns.errors, errorCount: columns.errors.length, rowCount: 0 };
  if (data.length === 0) return fileError("The file has a header but no rows.", 2);
  if (data.length > MAX_IMPORT_ROWS) {
    return fileError(`The file has ${data.length} rows; at most ${MAX_IMPORT_ROWS} are allowed per import.`);
  }

  const errors: ImportRowError[] = [];
  const rows: RegistryImportRow[] = [];
  // Duplicates are found among every row whose chain and address parse, even if another cell is bad.
  const seenAddress = new Map<string, number>();
  for (const { record, info } of data) {
    const cells = readRow(record, info.lines, columns.order, errors);
    if (!cells) continue;
    checkDuplicate(cells, info.lines, seenAddress, errors);
    if (cells.complete) rows.push(cells.complete);
  }
  checkEntityConsistency(rows, errors);
  if (errors.length > 0) {
    errors.sort((a, b) => a.row - b.row || columnIndex(a.column) - columnIndex(b.column));
    return {
      ok: false,
      errors: errors.slice(0, MAX_REPORTED_ERRORS),
      errorCount: errors.length,
      rowCount: data.length,
    };
  }
  return { ok: true, rows };
}

function fileError(message: string, row = 1): RegistryCsvResult {
  return { ok: false, errors: [{ row, column: null, message }], errorCount: 1, rowCount: 0 };
}

function columnIndex(c: RegistryCsvColumn | null): number {
  return c === null ? -1 : REGISTRY_CSV_COLUMNS.indexOf(c);
}

type HeaderResult = { ok: true; order: RegistryCsvColumn[] } | { ok: false; errors: ImportRowError[] };

function readHeader(cells: string[]): HeaderResult {
  const order: RegistryCsvColumn[] = [];
  const errors: ImportRowError[] = [];
  const known = new Set<string>(REGISTRY_CSV_COLUMNS);
  for (const cell of cells) {
    const key = cell
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_");
    const name = HEADER_ALIASES[key] ?? key;
    if (!known.has(name)) {
      errors.push({ row: 1, column: null, message: `Unknown column "${cell.trim()}".` });
    } else if (order.includes(name as RegistryCsvColumn)) {
      errors.push({ row: 1, column: name as RegistryCsvColumn, message: `Column "${name}" appears twice.` });
    } else {
      order.push(name as RegistryCsvColumn);
    }
  }
  for (const c of REGISTRY_CSV_COLUMNS) {
    if (!order.includes(c)) errors.push({ row: 1, column: c, message: `The header has no "${c}" column.` });
  }
  if (errors.length > 0) {
    errors.push({
      row: 1,
      column: null,
      message: `The first line must name the columns: ${REGISTRY_CSV_COLUMNS.join(",")}.`,
    });
    return { ok: false, errors };
  }
  return { ok: true, order };
}

type RowCells = { values: Partial<Record<RegistryCsvColumn, unknown>>; complete: RegistryImportRow | null };

function readRow(
  record: string[],
  row: number,
  order: RegistryCsvColumn[],
  errors: ImportRowError[],
): RowCells | null {
  if (record.length !== order.length) {
    errors.push({ row, column: null, message: `Expected ${order.length} fields, found ${record.length}.` });
    return null;
  }
  const cells = new Map(order.map((c, i) => [c, record[i] ?? ""]));
  const values: Partial<Record<RegistryCsvColumn, unknown>> = {};
  let bad = false;
  for (const column of REGISTRY_CSV_COLUMNS) {
    const parsed = CELL_SCHEMAS[column].safeParse(cells.get(column));
    if (parsed.success) {
      values[column] = parsed.data;
    } else {
      bad = true;
      errors.push({ row, column, message: parsed.error.issues[0]?.message ?? "Invalid value." });
    }
  }
  if (bad) return { values, complete: null };
  return {
    values,
    complete: {
      row,
      chainId: values.chain_id as number,
      address: values.address as Address,
      entityName: values.entity_name as string,
      kind: values.kind as EntityKind,
      country: values.country as string,
      licenceStatus: values.licence_status as LicenceStatus,
      tags: values.tags as AddressTag[],
    },
  };
}

/** The same chain + address twice would make the second row silently overwrite the first. */
function checkDuplicate(
  cells: RowCells,
  row: number,
  seen: Map<string, number>,
  errors: ImportRowError[],
): void {
  const { chain_id: chainId, address } = cells.values;
  if (chainId === undefined || address === undefined) return;
  const key = `${String(chainId)}:${String(address)}`;
  const first = seen.get(key);
  if (first === undefined) {
    seen.set(key, row);
    return;
  }
  errors.push({
    row,
    column: "address",
    message: `Duplicate: chain ${String(chainId)} address ${String(address)} is already on row ${first}.`,
  });
}

/** One entity described two ways (kind, country, licence): the import would otherwise pick a winner. */
function checkEntityConsistency(rows: RegistryImportRow[], errors: ImportRowError[]): void {
  const firstOfEntity = new Map<string, RegistryImportRow>();
  for (const r of rows) {
    const entity = firstOfEntity.get(r.entityName);
    if (!entity) {
      firstOfEntity.set(r.entityName, r);
      continue;
    }
    const fields = [
      ["kind", entity.kind, r.kind],
      ["country", entity.country, r.country],
      ["licence_status", entity.licenceStatus, r.licenceStatus],
    ] as const;
    for (const [column, was, is] of fields) {
      if (was === is) continue;
      errors.push({
        row: r.row,
        column,
        message: `"${r.entityName}" has ${column.replace("_", " ")} ${was} on row ${entity.row}, ${is} here.`,
      });
    }
  }
}

function lineOf(err: CsvError): number {
  const lines = (err as CsvError & { lines?: unknown }).lines;
  return typeof lines === "number" && lines > 0 ? lines : 1;
}

function csvErrorMessage(err: CsvError): string {
  switch (err.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return "A quoted field is never closed: check for a stray double quote.";
    case "CSV_INVALID_CLOSING_QUOTE":
    case "INVALID_OPENING_QUOTE":
      return "A double quote in the middle of a field: quote the whole field and double the inner quotes.";
    default:
      return "The file is not valid CSV.";
  }
}
