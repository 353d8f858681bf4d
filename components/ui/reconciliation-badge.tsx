import type { Reconciliation } from "@/db/queries/chain-status";
import { formatDateTimeUtc, formatInt, formatWeiExact } from "@/lib/format";
import { Badge } from "./badge";

/** Latest indexed-vs-on-chain totalSupply() check for one chain; must match to the wei. */
export function ReconciliationBadge({ chainId, rec }: { chainId: number; rec: Reconciliation | undefined }) {
  const testId = `reconciliation-${chainId}`;
  if (!rec) {
    return (
      <Badge tone="neutral" data-testid={testId} title="No totalSupply() check has run for this chain yet">
        Not yet reconciled
      </Badge>
    );
  }
  const block = formatInt(rec.blockNumber);
  const checked = formatDateTimeUtc(rec.checkedAt);
  if (rec.matches) {
    return (
      <Badge
        tone="success"
        data-testid={testId}
        title={`Indexed supply equals on-chain totalSupply() at block ${block}; checked ${checked}`}
      >
        Matched at block {block}
      </Badge>
    );
  }
  const diff = `${rec.difference > 0n ? "+" : ""}${formatInt(rec.difference)} wei`;
  return (
    <Badge
      tone="danger"
      data-testid={testId}
      title={`At block ${block}: indexed ${formatWeiExact(rec.indexedSupply, { group: true })} vs on-chain ${formatWeiExact(rec.onchainSupply, { group: true })} USD1 (indexed − on-chain = ${diff}); checked ${checked}`}
    >
      Mismatch {diff} at block {block}
    </Badge>
  );
}
