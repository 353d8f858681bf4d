import type { Metadata } from "next";
import { connection } from "next/server";
import { ListImportForm } from "@/components/lists/list-import-form";
import { ListsTable } from "@/components/lists/lists-table";
import { PageHeader } from "@/components/shell/page-header";
import { Card } from "@/components/ui/card";
import { getReadDb } from "@/db";
import { listWatchlists } from "@/db/queries/watchlists";
import { requireRole } from "@/lib/auth/guards";
import { formatInt } from "@/lib/format";
import { MAX_LIST_BYTES } from "@/lib/validators/watchlists";

export const metadata: Metadata = { title: "Lists" };

export default async function ListsPage() {
  await connection();
  await requireRole("lists:manage");
  const lists = await listWatchlists(await getReadDb());
  const inForce = lists.filter((l) => !l.retiredAt).length;
  return (
    <>
      <PageHeader title="Lists">
        Sanctions and high-risk address lists that rule R1 matches. An import replaces the list of the same
        name and re-checks history; a file with any bad row is refused whole. Times in UTC.
      </PageHeader>
      <div className="space-y-4">
        <Card
          id="list-import"
          title="Import a list"
          description={`The plain CSV (address, chain_id, list_name, reference) or OFAC's sdn.xml, up to ${MAX_LIST_BYTES / 1024 / 1024} MB.`}
        >
          <ListImportForm maxBytes={MAX_LIST_BYTES} />
        </Card>
        <Card
          id="lists"
          title={`${formatInt(inForce)} in force, ${formatInt(lists.length - inForce)} retired`}
        >
          <ListsTable lists={lists} />
        </Card>
      </div>
    </>
  );
}
