// The transactions CSV: one header, then rows written batch by batch as the database hands them
// over, hashed on the way out so the audit log can record what exactly left the building.
import { createHash } from "node:crypto";
import { stringify } from "csv-stringify/sync";
import type { TransactionRow } from "@/db/queries/transactions";
import { formatWeiExact } from "@/lib/format";

export const TRANSACTIONS_CSV_COLUMNS = [
  "chain_id",
  "chain",
  "block_number",
  "block_time_utc",
  "tx_hash",
  "log_index",
  "kind",
  "from_address",
  "from_entity",
  "origin_country",
  "to_address",
  "to_entity",
  "destination_country",
  "amount_wei",
  "amount_usd1",
  "intra_entity",
  "bridge",
] as const;

/** Spreadsheet apps run a cell that starts like a formula: neutralise free text (entity names). */
export function safeCsvText(value: string | null): string {
  if (value === null) return "";
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function transactionCsvRecord(row: TransactionRow, chainName: string): string[] {
  return [
    String(row.chainId),
    safeCsvText(chainName),
    row.blockNumber.toString(),
    row.blockTime,
    row.txHash,
    String(row.logIndex),
    row.kind,
    row.fromAddress,
    safeCsvText(row.fromEntity),
    row.originCountry,
    row.toAddress,
    safeCsvText(row.toEntity),
    row.destinationCountry,
    row.amount.toString(),
    formatWeiExact(row.amount),
    String(row.intra),
    String(row.bridge),
  ];
}

export type CsvSummary = { rows: number; sha256: string; bytes: number };

export type TransactionsCsvStreamParams = {
  batches: AsyncGenerator<TransactionRow[], void, undefined>;
  chainNames: ReadonlyMap<number, string>;
  /** Runs after the last byte is produced and before the stream closes (the audit entry). */
  onComplete: (summary: CsvSummary) => Promise<void>;
  onError: (err: unknown) => void;
};

/**
 * A pull stream: the next batch is read only when the client has taken the previous one, so a
 * slow download never piles rows up in memory. The stream closes only after onComplete resolved:
 * a file whose audit entry could not be written ends in an error instead of a clean download.
 */
export function transactionsCsvStream(p: TransactionsCsvStreamParams): ReadableStream<Uint8Array> {
  const hash = createHash("sha256");
  const encoder = new TextEncoder();
  let rows = 0;
  let bytes = 0;
  let headerSent = false;
  const emit = (controller: ReadableStreamDefaultController<Uint8Array>, text: string) => {
    const chunk = encoder.encode(text);
    hash.update(chunk);
    bytes += chunk.byteLength;
    controller.enqueue(chunk);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!headerSent) {
          headerSent = true;
          emit(controller, stringify([[...TRANSACTIONS_CSV_COLUMNS]]));
          return;
        }
        const next = await p.batches.next();
        if (next.done) {
          await p.onComplete({ rows, sha256: hash.digest("hex"), bytes });
          controller.close();
          return;
        }
        const records = next.value.map((r) =>
          transactionCsvRecord(r, p.chainNames.get(r.chainId) ?? `Chain ${r.chainId}`),
        );
        rows += records.length;
        emit(controller, stringify(records));
      } catch (err) {
        p.onError(err);
        controller.error(err);
      }
    },
    async cancel() {
      await p.batches.return(undefined);
    },
  });
}
