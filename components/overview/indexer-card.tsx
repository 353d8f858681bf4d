import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { getReadDb } from "@/db";
import { getIndexerStatus, type IndexerStatus } from "@/db/queries/chain-status";
import {
  formatBlockLag,
  formatDateTimeUtc,
  formatDuration,
  formatInt,
  formatRelativeTime,
} from "@/lib/format";
import { OVERVIEW_CARDS } from "./cards";

export async function OverviewIndexerCard({ now, chainId }: { now: Date; chainId?: number | undefined }) {
  const db = await getReadDb();
  const statuses = await getIndexerStatus(db, { chainId });

  return (
    <Card
      {...OVERVIEW_CARDS.indexer}
      description="Progress of the chain indexer per chain. Lag = chain head − indexed block; data age = now − time of the indexed block."
    >
      <Table caption="Indexer status by chain">
        <thead>
          <tr>
            <Th>Chain</Th>
            <Th numeric>Indexed block</Th>
            <Th numeric>Head</Th>
            <Th numeric>Finalized</Th>
            <Th numeric>Lag</Th>
            <Th numeric>Data age</Th>
            <Th numeric>Last update</Th>
            <Th numeric>RPC errors</Th>
            <Th>Last reorg</Th>
          </tr>
        </thead>
        <tbody>
          {statuses.map((s) => (
            <tr key={s.chainId} data-testid={`indexer-row-${s.chainId}`}>
              <Th scope="row">
                {s.name} <span className="text-xs font-normal text-slate-500">#{s.chainId}</span>
              </Th>
              {s.indexedBlock === null ? (
                <Td colSpan={8}>
                  <Badge tone="neutral" data-testid={`indexer-status-${s.chainId}`}>
                    Not started
                  </Badge>
                </Td>
              ) : (
                <StatusCells status={s} now={now} />
              )}
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}

const block = (n: bigint | null) => (n === null ? "unknown" : formatInt(n));

function StatusCells({ status: s, now }: { status: IndexerStatus; now: Date }) {
  const ageMs = s.indexedBlockTime ? now.getTime() - s.indexedBlockTime.getTime() : null;
  return (
    <>
      <Td numeric data-testid={`indexer-indexed-${s.chainId}`}>
        {block(s.indexedBlock)}
      </Td>
      <Td numeric title={s.headSeenAt ? `Head seen ${formatDateTimeUtc(s.headSeenAt)}` : undefined}>
        {block(s.headBlock)}
      </Td>
      <Td numeric className="text-slate-600">
        {block(s.finalizedBlock)}
      </Td>
      <Td numeric data-testid={`indexer-lag-${s.chainId}`}>
        {formatBlockLag(s.lagBlocks)}
      </Td>
      <Td
        numeric
        title={s.indexedBlockTime ? `Indexed block time ${formatDateTimeUtc(s.indexedBlockTime)}` : undefined}
      >
        {ageMs === null ? "unknown" : ageMs < 0 ? "0 s" : formatDuration(ageMs)}
      </Td>
      <Td numeric title={s.updatedAt ? formatDateTimeUtc(s.updatedAt) : undefined}>
        {formatRelativeTime(s.updatedAt, now)}
      </Td>
      <Td numeric className={s.rpcErrors > 0 ? "font-medium text-amber-800" : undefined}>
        {formatInt(s.rpcErrors)}
      </Td>
      <Td title={s.lastReorgAt ? formatDateTimeUtc(s.lastReorgAt) : undefined}>
        {s.lastReorgAt === null
          ? "none"
          : `${s.lastReorgDepth === null ? "?" : formatBlockLag(s.lastReorgDepth)} deep, ${formatRelativeTime(s.lastReorgAt, now)}`}
      </Td>
    </>
  );
}
