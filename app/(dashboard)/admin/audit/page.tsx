import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { Suspense } from "react";
import { AuditChainCard } from "@/components/admin/audit-chain-card";
import { AuditLogFilter } from "@/components/admin/audit-log-filter";
import { AuditLogTable } from "@/components/admin/audit-log-table";
import { PageHeader } from "@/components/shell/page-header";
import { Card } from "@/components/ui/card";
import { CardSkeleton } from "@/components/ui/skeleton";
import { getDb } from "@/db";
import { listAuditLog } from "@/db/queries/audit";
import { requireRole } from "@/lib/auth/guards";
import { formatInt } from "@/lib/format";
import { auditChainScopeSchema } from "@/lib/validators/audit";
import { auditFilterSchema, type AuditFilter } from "@/lib/validators/auth";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;
const DAY_MS = 86_400_000;

function queryOf(filter: AuditFilter, page: number): string {
  const q = new URLSearchParams();
  for (const key of ["action", "actor", "target", "from", "to"] as const) {
    const v = filter[key];
    if (v) q.set(key, v);
  }
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `?${s}` : "";
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  await connection();
  await requireRole("audit:read");
  const params = await searchParams;
  const filter = auditFilterSchema.parse(params);
  const { chain } = auditChainScopeSchema.parse(params);
  const { rows, total } = await listAuditLog(await getDb(), {
    action: filter.action,
    actor: filter.actor || undefined,
    target: filter.target || undefined,
    from: filter.from ? new Date(`${filter.from}T00:00:00Z`) : undefined,
    // `to` is a whole day, inclusive.
    to: filter.to ? new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + DAY_MS) : undefined,
    limit: PAGE_SIZE,
    offset: (filter.page - 1) * PAGE_SIZE,
  });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <>
      <PageHeader title="Audit log">
        Append-only record of sign-ins, user and role changes, registry and rule edits, alert decisions and
        exports. Times in UTC.
      </PageHeader>
      <Suspense fallback={<CardSkeleton id="audit-chain" title="Hash chain" rows={2} />}>
        <AuditChainCard scope={chain} />
      </Suspense>
      <AuditLogFilter filter={filter} />
      <Card
        id="audit-entries"
        title={`${formatInt(total)} entries`}
        description={`Page ${filter.page} of ${pages}`}
      >
        <AuditLogTable rows={rows} />
        <nav aria-label="Pages" className="mt-3 flex gap-4 text-sm">
          {filter.page > 1 ? (
            <Link href={`/admin/audit${queryOf(filter, filter.page - 1)}`} className="text-sky-700 underline">
              Newer
            </Link>
          ) : null}
          {filter.page < pages ? (
            <Link href={`/admin/audit${queryOf(filter, filter.page + 1)}`} className="text-sky-700 underline">
              Older
            </Link>
          ) : null}
        </nav>
      </Card>
    </>
  );
}
