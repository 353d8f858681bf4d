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
import { auditChainScopeSchema, auditQueryOf, auditQueryString } from "@/lib/validators/audit";
import { auditFilterSchema } from "@/lib/validators/auth";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;

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
    ...auditQueryOf(filter),
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
        actions={
          <span className="flex gap-3 text-sm">
            {(["csv", "xlsx"] as const).map((format) => (
              <a
                key={format}
                data-testid={`audit-export-${format}`}
                href={`/api/exports/audit${auditQueryString(filter)}${auditQueryString(filter) ? "&" : "?"}format=${format}`}
                className="font-medium text-sky-800 underline"
              >
                Download {format.toUpperCase()}
              </a>
            ))}
          </span>
        }
      >
        <AuditLogTable rows={rows} />
        <nav aria-label="Pages" className="mt-3 flex gap-4 text-sm">
          {filter.page > 1 ? (
            <Link
              href={`/admin/audit${auditQueryString(filter, filter.page - 1)}`}
              className="text-sky-700 underline"
            >
              Newer
            </Link>
          ) : null}
          {filter.page < pages ? (
            <Link
              href={`/admin/audit${auditQueryString(filter, filter.page + 1)}`}
              className="text-sky-700 underline"
            >
              Older
            </Link>
          ) : null}
        </nav>
      </Card>
    </>
  );
}
