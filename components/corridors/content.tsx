import type { ReactNode } from "react";
import { CorridorsTable } from "@/components/tables/corridors/corridors-table";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { getReadDb } from "@/db";
import { getCorridorCells } from "@/db/queries/corridors";
import { buildCorridorMatrix, corridorRows, summarizeCorridors } from "@/lib/corridors/matrix";
import { corridorTablePage, type CorridorTableQuery } from "@/lib/corridors/table-rows";
import { formatCountry } from "@/lib/format";
import { CORRIDOR_CARDS } from "./cards";
import { CorridorsMatrix } from "./matrix";
import { CorridorsSummary } from "./summary";

export type CorridorsContentProps = {
  /** Rollup days included; fromDay null = since the first. */
  fromDay: string;
  toDay: string;
  rangeLabel: string;
  chainId?: number | undefined;
  table: Omit<CorridorTableQuery, "fromDay" | "toDay" | "chainId">;
  pkrPerUsd?: string | undefined;
  /** Shown on the matrix card (the export buttons, for roles that may export). */
  matrixActions?: ReactNode;
};

/** Summary, matrix and table from one read of the rollup, so the three always agree. */
export async function CorridorsContent(p: CorridorsContentProps) {
  const db = await getReadDb();
  const cells = await getCorridorCells(db, { from: p.fromDay, to: p.toDay, chainId: p.chainId });
  if (cells.length === 0) {
    return (
      <EmptyState title="No corridor volume in this range" testId="corridors-empty">
        <p>
          Corridor figures come from finalized blocks. Pick a longer range or another chain; if the indexer
          has just started, its first blocks are still being confirmed.
        </p>
      </EmptyState>
    );
  }
  const rows = corridorRows(cells);
  const scope = { fromDay: p.fromDay, toDay: p.toDay, chainId: p.chainId };
  const page = corridorTablePage(rows, { ...p.table, ...scope });
  const countries = (side: "originCountry" | "destinationCountry") =>
    [...new Set(cells.map((c) => c[side]))]
      .map((value) => ({ value, label: formatCountry(value) }))
      .sort((a, b) => a.label.localeCompare(b.label));
  return (
    <>
      <CorridorsSummary
        summary={summarizeCorridors(rows)}
        rangeLabel={p.rangeLabel}
        pkrPerUsd={p.pkrPerUsd}
      />
      <CorridorsMatrix matrix={buildCorridorMatrix(cells)} {...scope} actions={p.matrixActions} />
      <Card
        {...CORRIDOR_CARDS.table}
        description="The matrix's numbers, with counts, average ticket and what was excluded. Fees saved: see the method below."
      >
        <CorridorsTable
          rows={page.rows}
          total={page.total}
          filters={[
            { id: "origin", label: "Origin", options: countries("originCountry") },
            { id: "destination", label: "Destination", options: countries("destinationCountry") },
          ]}
        />
      </Card>
    </>
  );
}
