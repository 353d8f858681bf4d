import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { TransactionRow } from "@/db/queries/transactions";
import {
  safeCsvText,
  TRANSACTIONS_CSV_COLUMNS,
  transactionsCsvStream,
  type CsvSummary,
} from "./transactions-csv";

function row(i: number, over: Partial<TransactionRow> = {}): TransactionRow {
  return {
    chainId: 1,
    blockNumber: BigInt(100 + i),
    blockTime: `2026-06-0${(i % 9) + 1}T10:00:00.000000Z`,
    txHash: `0x${i.toString(16).padStart(64, "0")}`,
    logIndex: i,
    kind: "transfer",
    fromAddress: `0x${"a".repeat(40)}`,
    toAddress: `0x${"b".repeat(40)}`,
    amount: 1_500n * 10n ** 18n + 2n,
    fromEntity: 'Gulf, "Crescent" Exchange',
    toEntity: null,
    originCountry: "AE",
    destinationCountry: "ZZ",
    intra: false,
    bridge: false,
    ...over,
  };
}

async function* batches(sizes: number[]): AsyncGenerator<TransactionRow[], void, undefined> {
  let i = 0;
  for (const n of sizes) yield Array.from({ length: n }, () => row(i++));
}

describe("transactions CSV", () => {
  it("streams a header and every batch, and reports rows and the SHA-256 of the bytes sent", async () => {
    let summary: CsvSummary | undefined;
    const stream = transactionsCsvStream({
      batches: batches([2, 3]),
      chainNames: new Map([[1, "Ethereum (local)"]]),
      onComplete: async (s) => {
        summary = s;
      },
      onError: () => {},
    });
    const text = await new Response(stream).text();
    const records = parse(text) as string[][];
    expect(records[0]).toEqual([...TRANSACTIONS_CSV_COLUMNS]);
    expect(records).toHaveLength(6);
    const first = Object.fromEntries(TRANSACTIONS_CSV_COLUMNS.map((c, i) => [c, records[1]?.[i]]));
    expect(first).toMatchObject({
      chain: "Ethereum (local)",
      amount_wei: "1500000000000000000002",
      amount_usd1: "1500.000000000000000002",
      from_entity: 'Gulf, "Crescent" Exchange',
      to_entity: "",
      intra_entity: "false",
    });
    expect(summary?.rows).toBe(5);
    expect(summary?.sha256).toBe(createHash("sha256").update(text).digest("hex"));
    expect(summary?.bytes).toBe(Buffer.byteLength(text));
  });

  it("fails the download when the audit entry cannot be written", async () => {
    const errors: unknown[] = [];
    const stream = transactionsCsvStream({
      batches: batches([1]),
      chainNames: new Map(),
      onComplete: async () => {
        throw new Error("audit down");
      },
      onError: (e) => errors.push(e),
    });
    await expect(new Response(stream).text()).rejects.toThrow("audit down");
    expect(errors).toHaveLength(1);
  });

  it("neutralises formula-like text", () => {
    expect(safeCsvText("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(safeCsvText("@SUM")).toBe("'@SUM");
    expect(safeCsvText("Khyber Wallet")).toBe("Khyber Wallet");
    expect(safeCsvText(null)).toBe("");
  });
});
