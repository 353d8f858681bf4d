// GET /api/exports/audit – the audit log (the audit page's filter) as CSV or XLSX, in chain order,
// every row with its prev_hash and row_hash and the chain head when the export started. For those
// who read the audit log (admins); the download is audited like every export.
import type { NextRequest } from "next/server";
import { getAuditChainHead } from "@/db/queries/audit-chain";
import { exportRoute, parseTableFormat, serveTableExport } from "@/lib/reports/http";
import { auditLogTable } from "@/lib/reports/tables";
import { AppError } from "@/lib/errors";
import { auditQueryOf } from "@/lib/validators/audit";
import { auditFilterSchema } from "@/lib/validators/auth";

export const GET = exportRoute(async (req: NextRequest, { session, db }) => {
  const format = parseTableFormat(req.nextUrl.searchParams);
  const filter = auditFilterSchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  const query = auditQueryOf(filter);
  const { head } = await getAuditChainHead(db);
  if (!head) throw new AppError("not_found", "The audit log is empty.");
  const described: [string, string][] = [
    ["action", filter.action ?? "any"],
    ["actor contains", filter.actor ?? "any"],
    ["target contains", filter.target ?? "any"],
    ["from (UTC day)", filter.from ?? "the first entry"],
    ["to (UTC day, inclusive)", filter.to ?? "the chain head"],
    ["chain head seq", String(head.seq)],
    ["chain head hash", head.rowHash],
  ];
  return serveTableExport(db, req, session, {
    kind: "audit_log",
    format,
    params: {
      filter: Object.fromEntries(described.slice(0, 5)),
      chainHead: { seq: head.seq, rowHash: head.rowHash },
    },
    label: "audit log",
    table: () => auditLogTable(db, { filter: query, head: { seq: head.seq, rowHash: head.rowHash } }),
    filter: described,
  });
}, "audit:read");
