// CSV engine: RFC 4180 (CRLF records; fields with a comma, quote, line break, byte order mark or
// edge space quoted; quotes doubled: exactly Papa Parse's unparse, which csv.test.ts uses as the
// reference), UTF-8 with a byte order mark so Excel reads names in any script.
// Rows stream through batch by batch; nothing holds the whole result.
//
// Traceability: the first column of every row is `export_id`. A comment line ("# export …")
// would break spreadsheets and CSV readers; a column survives sorting, filtering and copying
// rows into another file, and every format uses the same id (README "Exports").
import { Readable, type Writable } from "node:stream";
import { csvCell, neutraliseFormula, type ExportTable } from "./cells";

export { neutraliseFormula };

export const EXPORT_ID_HEADER = "export_id";

export type CsvExportOptions = {
  exportId: string;
  /** UTF-8 byte order mark; default true (Excel needs it to read UTF-8). */
  bom?: boolean;
};

export type TableStream = {
  /** The file's bytes. */
  stream: Readable;
  /** Data rows written so far (final once `stream` has ended). */
  rowCount: () => number;
};

const CRLF = "\r\n";
/** What makes Papa Parse quote a field: a quote, comma, CR, LF or BOM anywhere, a space at an edge. */
const NEEDS_QUOTES = /[",\r\n\ufeff]|^ | $/;
const QUOTE = /"/g;

/** One field as RFC 4180 text. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text;
}

/**
 * Records as CSV text, every record ending with CRLF (RFC 4180 allows it on the last one). Written
 * here rather than with Papa.unparse: Papa runs a regex replace on every field and builds the text
 * field by field; on a million-row export it was ~2.3 of the server's 11 CPU-seconds (bench:export
 * under --cpu-prof). The output is the same byte for byte (csv.test.ts compares the two).
 */
export function csvRecords(records: readonly (readonly string[])[]): string {
  let out = "";
  for (const record of records) out += csvLine(record);
  return out;
}

/** One record as a CSV line, CRLF included. */
function csvLine(record: readonly string[]): string {
  let line = "";
  for (let i = 0; i < record.length; i++) line += (i === 0 ? "" : ",") + csvField(record[i]!);
  return line + CRLF;
}

/**
 * `csvRecords` as UTF-8 bytes, written line by line into one buffer. Building the batch as one
 * string and encoding it flattened a rope of ~60 pieces a row (Buffer.from was 16% of next-server's
 * CPU in a million-row export, the largest item); each line here is flattened while it is small
 * and written at once: 4.6 → 1.4 µs a row for the transactions export's records (same bytes;
 * csv.test.ts).
 */
export function csvRecordBytes(records: readonly (readonly string[])[]): Buffer {
  let buf = Buffer.allocUnsafe(Math.max(1024, records.length * 256));
  let used = 0;
  for (const record of records) {
    const line = csvLine(record);
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (used + line.length * 3 > buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(buf.length * 2, used + line.length * 3));
      buf.copy(grown, 0, 0, used);
      buf = grown;
    }
    used += buf.write(line, used, "utf8");
  }
  return buf.subarray(0, used);
}

/**
 * Streams a table as CSV: header row, then one record per row, `export_id` first.
 *
 * A whole batch is formatted at once and leaves as one chunk: no stream write
 * per record (csv-stringify's stream and its per-field bookkeeping cost about a third of the
 * export's CPU; bench:export). The chunks come from a generator that `Readable.from` pulls only
 * when the reader wants more (backpressure: at most one batch in memory), and a reader that goes
 * away (client disconnect) returns the generator, which ends the loop and so the database read.
 */
export function csvExportStream<R>(table: ExportTable<R>, opts: CsvExportOptions): TableStream {
  let count = 0;
  const columns = table.columns;
  const header = [EXPORT_ID_HEADER, ...columns.map((c) => c.header)];
  // Each batch leaves as UTF-8 bytes (csvRecordBytes): handing it on as a string kept every
  // batch's pieces, some still slices of the database's COPY chunks, alive until the socket
  // flattened it (next-server's peak RSS for 1M rows: 390 MiB as strings, against 185 MiB before,
  // when Papa.unparse copied every field).
  async function* chunks(): AsyncGenerator<Buffer> {
    yield Buffer.from(((opts.bom ?? true) ? "\uFEFF" : "") + csvRecords([header]), "utf8");
    for await (const batch of table.rows) {
      if (batch.length === 0) continue;
      const records = new Array<string[]>(batch.length);
      for (let r = 0; r < batch.length; r++) {
        const row = batch[r]!;
        const record = new Array<string>(columns.length + 1);
        record[0] = opts.exportId;
        for (let i = 0; i < columns.length; i++) {
          const c = columns[i]!;
          record[i + 1] = csvCell(c.kind, c.value(row));
        }
        records[r] = record;
      }
      count += batch.length;
      yield csvRecordBytes(records);
    }
  }
  return { stream: Readable.from(chunks(), { objectMode: false }), rowCount: () => count };
}

/** Resolves when a writable drains or is closed (never hangs on a destroyed stream). */
export function drainOrClose(stream: Writable): Promise<void> {
  if (stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
  });
}
