import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { ReconciliationBadge } from "@/components/ui/reconciliation-badge";
import type { ChainIndexerView } from "@/db/queries/indexer-status";
import {
  formatBlockLag,
  formatCount,
  formatDateTimeUtc,
  formatDuration,
  formatInt,
  formatRelativeTime,
} from "@/lib/format";

const block = (n: bigint | null) => (n === null ? "unknown" : formatInt(n));

/** One chain's indexer: progress, lag, reorgs, RPC health, reconciliation and indexed ranges. */
export function IndexerChainCard({ chain: c, now }: { chain: ChainIndexerView; now: Date }) {
  const id = `indexer-chain-${c.chainId}`;
  return (
    <Card
      id={id}
      title={`${c.name} · chain ${c.chainId}`}
      description={
        c.tokenAddress ? (
          <>
            Token <code className="font-mono">{c.tokenAddress}</code> from block {block(c.startBlock)}; final
            after {c.confirmations === null ? "?" : formatCount(c.confirmations, "confirmation")}.
          </>
        ) : (
          "Not in the chains table yet."
        )
      }
      actions={<ProgressBadge chain={c} />}
    >
      {c.indexedBlock === null ? (
        <p className="text-sm text-slate-600">The indexer has not written a checkpoint for this chain yet.</p>
      ) : (
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
          <Fact
            label="Head block"
            title={c.headSeenAt ? `Seen ${formatDateTimeUtc(c.headSeenAt)}` : undefined}
          >
            {block(c.headBlock)}
          </Fact>
          <Fact label="Indexed block" testId={`indexer-indexed-${c.chainId}`}>
            {block(c.indexedBlock)}
          </Fact>
          <Fact label="Finalized block">{block(c.finalizedBlock)}</Fact>
          <Fact label="Rolled up to" title="Daily rollups cover blocks up to here (final blocks only)">
            {block(c.rolledUpBlock)}
          </Fact>
          <Fact label="Lag (blocks)" testId={`indexer-lag-blocks-${c.chainId}`}>
            {formatBlockLag(c.lagBlocks)}
          </Fact>
          <Fact
            label="Lag (time)"
            testId={`indexer-lag-time-${c.chainId}`}
            title={
              c.avgBlockMs === null
                ? undefined
                : `Estimated: lag in blocks × mean block interval (${formatDuration(c.avgBlockMs)})`
            }
          >
            {c.lagMs === null ? "unknown" : c.lagMs === 0 ? "0 s" : `≈ ${formatDuration(c.lagMs)}`}
          </Fact>
          <Fact label="Indexed block time">
            {c.indexedBlockTime ? formatDateTimeUtc(c.indexedBlockTime) : "unknown"}
          </Fact>
          <Fact label="Last update" title={c.updatedAt ? formatDateTimeUtc(c.updatedAt) : undefined}>
            {formatRelativeTime(c.updatedAt, now)}
          </Fact>
          <Fact label="RPC errors" testId={`indexer-rpc-errors-${c.chainId}`}>
            <span className={c.rpcErrors > 0 ? "font-medium text-amber-800" : undefined}>
              {formatInt(c.rpcErrors)}
            </span>
          </Fact>
          <Fact label="Last reorg" testId={`indexer-reorg-${c.chainId}`}>
            {c.lastReorgAt === null ? (
              "none"
            ) : (
              <span title={formatDateTimeUtc(c.lastReorgAt)}>
                {c.lastReorgDepth === null ? "?" : formatBlockLag(c.lastReorgDepth)} deep,{" "}
                {formatRelativeTime(c.lastReorgAt, now)}
              </span>
            )}
          </Fact>
          <div className="sm:col-span-2">
            <Reconciliation chain={c} />
          </div>
          <div className="sm:col-span-2 lg:col-span-4">
            <Ranges chain={c} />
          </div>
        </dl>
      )}
    </Card>
  );
}

function ProgressBadge({ chain: c }: { chain: ChainIndexerView }) {
  const testId = `indexer-progress-${c.chainId}`;
  if (c.indexedBlock === null)
    return (
      <Badge tone="neutral" data-testid={testId}>
        Not started
      </Badge>
    );
  if (c.lagBlocks === null)
    return (
      <Badge tone="neutral" data-testid={testId}>
        Head unknown
      </Badge>
    );
  if (c.lagBlocks <= 0n)
    return (
      <Badge tone="success" data-testid={testId}>
        Caught up
      </Badge>
    );
  return (
    <Badge tone="warning" data-testid={testId}>
      Behind {formatBlockLag(c.lagBlocks)}
    </Badge>
  );
}

function Reconciliation({ chain: c }: { chain: ChainIndexerView }) {
  const rec = c.latestReconciliation;
  return (
    <>
      <dt className="text-xs text-slate-500">Last reconciliation (indexed supply vs totalSupply())</dt>
      <dd className="mt-0.5 space-y-0.5 text-slate-900">
        <ReconciliationBadge chainId={c.chainId} rec={rec ?? undefined} />
        {rec ? (
          <p className="text-xs text-slate-600">
            Difference{" "}
            <span data-testid={`reconciliation-diff-${c.chainId}`} className="tabular-nums">
              {rec.difference > 0n ? "+" : ""}
              {formatInt(rec.difference)} wei
            </span>
            ; checked {formatDateTimeUtc(rec.checkedAt)}; {formatCount(c.reconciliationCount, "check")},{" "}
            {formatCount(c.mismatchCount, "mismatch", "mismatches")}.
          </p>
        ) : null}
      </dd>
    </>
  );
}

function Ranges({ chain: c }: { chain: ChainIndexerView }) {
  return (
    <>
      <dt className="text-xs text-slate-500">
        Indexed ranges{" "}
        {c.ranges.length > 1 ? (
          <Badge tone="warning" data-testid={`indexer-gap-${c.chainId}`}>
            Gap: {c.ranges.length} ranges
          </Badge>
        ) : null}
      </dt>
      <dd className="mt-0.5" data-testid={`indexer-ranges-${c.chainId}`}>
        {c.ranges.length === 0 ? (
          "none"
        ) : (
          <ul className="flex flex-wrap gap-x-4 gap-y-1 tabular-nums">
            {c.ranges.map((r) => (
              <li key={r.fromBlock.toString()}>
                {formatInt(r.fromBlock)} – {formatInt(r.toBlock)}
              </li>
            ))}
          </ul>
        )}
      </dd>
    </>
  );
}

function Fact({
  label,
  title,
  testId,
  children,
}: {
  label: string;
  title?: string | undefined;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 tabular-nums text-slate-900" title={title} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
