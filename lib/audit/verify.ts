// Walks the audit log's hash chain in seq order and names the first row that does not hold:
// `npm run audit:verify` (whole chain) and the admin audit page (latest rows, or whole on demand).
import type { Db } from "@/db/client";
import { getAuditChainHead, listAuditChain } from "@/db/queries/audit-chain";
import { GENESIS_HASH, rowHash } from "./chain";

export type ChainProblem = "seq" | "prev_hash" | "row_hash" | "rows";

export type ChainBreak = {
  /** The first row that fails; null when rows are missing past the end or outside the chain. */
  id: number | null;
  seq: number | null;
  problem: ChainProblem;
  detail: string;
};

export type ChainReport = {
  /** First seq checked (1 = the whole chain); rows before it are trusted, not checked. */
  fromSeq: number;
  /** Rows that passed every check. */
  checked: number;
  /** The last row that passed; null if none did. */
  intactThrough: { id: number; seq: number; rowHash: string } | null;
  /** The newest row's stored hash (verified only when `break` is null). */
  head: { id: number; seq: number; rowHash: string } | null;
  /** Rows in the table. */
  rows: number;
  break: ChainBreak | null;
};

export type VerifyAuditChainParams = { fromSeq?: number; batchSize?: number };

/**
 * Recomputes every row's hash from its content and checks each row links to the one before
 * (seq + 1, prev_hash = previous row_hash), from `fromSeq` to the end; stops at the first break.
 * One read-only snapshot, so rows written meanwhile neither break nor join the walk.
 */
export async function verifyAuditChain(db: Db, params: VerifyAuditChainParams = {}): Promise<ChainReport> {
  const fromSeq = Math.max(1, params.fromSeq ?? 1);
  const batchSize = params.batchSize ?? 5000;
  return db.transaction(
    async (tx) => {
      const { rows, head } = await getAuditChainHead(tx);
      const report: ChainReport = { fromSeq, checked: 0, intactThrough: null, head, rows, break: null };
      let expectedSeq = fromSeq;
      let expectedPrev = GENESIS_HASH;
      if (fromSeq > 1) {
        // The anchor: the row just before the window, taken as stored.
        const [anchor] = await listAuditChain(tx, { afterSeq: fromSeq - 2, limit: 1 });
        if (anchor && Number(anchor.seq) === fromSeq - 1) expectedPrev = anchor.rowHash;
        else {
          report.break = {
            id: null,
            seq: fromSeq - 1,
            problem: "seq",
            detail: `row seq ${fromSeq - 1} is missing`,
          };
          return report;
        }
      }
      for (;;) {
        const batch = await listAuditChain(tx, { afterSeq: expectedSeq - 1, limit: batchSize });
        for (const row of batch) {
          const problem = checkRow(row, expectedSeq, expectedPrev);
          if (problem) {
            report.break = { id: Number(row.id), seq: Number(row.seq), ...problem };
            return report;
          }
          report.checked += 1;
          report.intactThrough = { id: Number(row.id), seq: Number(row.seq), rowHash: row.rowHash };
          expectedSeq += 1;
          expectedPrev = row.rowHash;
        }
        if (batch.length < batchSize) break;
      }
      if (fromSeq === 1 && report.checked !== rows) {
        report.break = {
          id: null,
          seq: null,
          problem: "rows",
          detail: `${rows} rows in the table but ${report.checked} in the chain (rows with a seq below 1)`,
        };
      }
      return report;
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

type Row = Awaited<ReturnType<typeof listAuditChain>>[number];

function checkRow(
  row: Row,
  expectedSeq: number,
  expectedPrev: string,
): { problem: ChainProblem; detail: string } | null {
  if (Number(row.seq) !== expectedSeq) {
    return {
      problem: "seq",
      detail: `seq ${row.seq} where ${expectedSeq} was expected: ${Number(row.seq) > expectedSeq ? "rows before it are missing" : "out of order"}`,
    };
  }
  if (row.prevHash !== expectedPrev) {
    return {
      problem: "prev_hash",
      detail: `prev_hash ${row.prevHash} does not match the previous row's hash ${expectedPrev}: a row before it was changed or removed`,
    };
  }
  const recomputed = rowHash(row);
  if (recomputed !== row.rowHash) {
    return {
      problem: "row_hash",
      detail: `content does not match its stored hash (stored ${row.rowHash}, recomputed ${recomputed}): the row was changed after it was written`,
    };
  }
  return null;
}
