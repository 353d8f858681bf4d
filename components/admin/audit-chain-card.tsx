import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db";
import { getAuditChainHead } from "@/db/queries/audit-chain";
import { verifyAuditChain } from "@/lib/audit/verify";
import { formatInt } from "@/lib/format";
import type { AuditChainScope } from "@/lib/validators/audit";

/** Rows the page checks on every visit; the whole chain is checked on request or by audit:verify. */
export const RECENT_CHAIN_ROWS = 10_000;

/**
 * The hash chain's state: the latest RECENT_CHAIN_ROWS rows on every visit (anchored on the
 * stored hash of the row before them), the whole chain when asked.
 */
export async function AuditChainCard({ scope }: { scope: AuditChainScope }) {
  const db = await getDb();
  const { head } = await getAuditChainHead(db);
  const fromSeq = scope === "full" || !head ? 1 : Math.max(1, head.seq - RECENT_CHAIN_ROWS + 1);
  const r = await verifyAuditChain(db, { fromSeq });
  const scopeText =
    r.fromSeq === 1
      ? `Checked the whole chain: ${formatInt(r.checked)} of ${formatInt(r.rows)} rows.`
      : `Checked the latest ${formatInt(r.checked)} rows (from row ${formatInt(r.fromSeq)}), trusting the stored hash of the row before them.`;
  return (
    <Card
      id="audit-chain"
      title="Hash chain"
      description="Each entry stores the SHA-256 of its content and of the entry before it"
      actions={
        scope === "full" ? null : (
          <Link href="/admin/audit?chain=full" className="text-sm text-sky-700 underline">
            Verify whole chain
          </Link>
        )
      }
    >
      <div className="space-y-2 text-sm" data-testid="audit-chain">
        {r.break ? (
          <p>
            <Badge tone="danger">Broken</Badge>{" "}
            {r.break.id === null ? "" : `at entry ${r.break.id} (row ${formatInt(r.break.seq ?? 0)}): `}
            {r.break.detail}.{" "}
            {r.intactThrough
              ? `Intact up to row ${formatInt(r.intactThrough.seq)}.`
              : "No checked row is intact."}
          </p>
        ) : (
          <p>
            <Badge tone="success">Intact</Badge>{" "}
            {r.intactThrough ? `up to row ${formatInt(r.intactThrough.seq)}.` : "The log is empty."}
          </p>
        )}
        <p className="text-slate-600">
          {scopeText} Run <code className="font-mono text-xs">npm run audit:verify</code> for the full check
          from the command line.
        </p>
        {r.head ? (
          <p className="text-slate-600">
            Head (row {formatInt(r.head.seq)}):{" "}
            <code className="font-mono text-xs break-all" data-testid="audit-chain-head">
              {r.head.rowHash}
            </code>
          </p>
        ) : null}
      </div>
    </Card>
  );
}
