import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ListEntries, ListImportHistory } from "@/components/lists/list-detail";
import { PageHeader } from "@/components/shell/page-header";
import { getReadDb } from "@/db";
import { getWatchlist } from "@/db/queries/watchlists";
import { requireRole } from "@/lib/auth/guards";
import { listEntriesPageSchema } from "@/lib/validators/watchlists";

export const metadata: Metadata = { title: "List" };

const PAGE_SIZE = 100;

export default async function ListPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, unknown>>;
}) {
  await connection();
  await requireRole("lists:manage");
  const { id: raw } = await params;
  if (!/^[1-9]\d{0,8}$/.test(raw)) notFound();
  const page = listEntriesPageSchema.parse((await searchParams).page);
  const detail = await getWatchlist(await getReadDb(), { id: Number(raw), page, pageSize: PAGE_SIZE });
  if (!detail) notFound();
  const { list } = detail;
  return (
    <>
      <PageHeader title={list.name}>
        {list.retiredAt ? `Retired: ${list.retireReason}. ` : "In force. "}
        <Link href="/lists" className="text-sky-800 underline">
          All lists
        </Link>
      </PageHeader>
      <div className="space-y-4">
        <ListEntries detail={detail} page={page} pageSize={PAGE_SIZE} />
        <ListImportHistory detail={detail} />
      </div>
    </>
  );
}
