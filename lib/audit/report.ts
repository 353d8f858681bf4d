import type { ChainReport } from "./verify";

/** Plain-text summary of a chain check, for the CLI. */
export function formatChainReport(r: ChainReport): string {
  const head = r.head
    ? `head: seq ${r.head.seq}, id ${r.head.id}, sha256 ${r.head.rowHash}`
    : "head: none (empty log)";
  const scope = r.fromSeq === 1 ? "" : ` from seq ${r.fromSeq}`;
  if (!r.break) {
    return [`audit chain intact: ${r.checked} rows checked${scope} of ${r.rows}`, head].join("\n");
  }
  const where = r.break.id === null ? "" : ` at row id ${r.break.id} (seq ${r.break.seq})`;
  const upTo = r.intactThrough
    ? `rows up to id ${r.intactThrough.id} (seq ${r.intactThrough.seq}) verify`
    : "no row verifies";
  return [
    `audit chain BROKEN${where}: ${r.break.problem}: ${r.break.detail}`,
    `${r.checked} rows checked${scope} before the break; ${upTo}`,
    `${head} (not verified)`,
  ].join("\n");
}
