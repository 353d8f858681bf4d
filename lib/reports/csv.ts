// CSV engine: RFC 4180 (csv-stringify: CRLF records, fields with a comma, quote or line break
// quoted, quotes doubled), UTF-8 with a byte order mark so Excel reads names in any script.
// Rows stream through batch by batch; nothing holds the whole result.
//
// Traceability: the first column of every row is `export_id`. A comment line ("# export …")
// would break spreadsheets and CSV readers; a column survives sorting, filtering and copying
// rows into another file, and every format uses the same id (README "Exports").
import type { Readable, Writable } from "node:stream";
import { stringify } from "csv-stringify";
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

/** Streams a table as CSV: header row, then one record per row, `export_id` first. */
export function csvExportStream<R>(table: ExportTable<R>, opts: CsvExportOptions): TableStream {
  let count = 0;
  const columns = table.columns;
  const out = stringify({
    bom: opts.bom ?? true,
    header: true,
    columns: [EXPORT_ID_HEADER, ...columns.map((c) => c.header)],
    record_delimiter: "windows",
  });
  // Records are written synchronously within a batch (an async step per row would cost more
  // than formatting it) and the pump waits whenever the reader is behind: backpressure.
  async function pump(): Promise<void> {
    for await (const batch of table.rows) {
      let open = true;
      for (const row of batch) {
        // A reader that went away (client disconnect) ends the loop, and so the database read.
        if (out.destroyed) return;
        const record = new Array<string>(columns.length + 1);
        record[0] = opts.exportId;
        for (let i = 0; i < columns.length; i++) {
          const c = columns[i]!;
          record[i + 1] = csvCell(c.kind, c.value(row));
        }
        count++;
        open = out.write(record);
      }
      if (!open) await drainOrClose(out);
    }
    out.end();
  }
  pump().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return { stream: out, rowCount: () => count };
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
