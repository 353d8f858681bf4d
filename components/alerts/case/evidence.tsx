// The logs that make the case: each with chain, block, time, transaction, both sides attributed
// through the registry (linked to their address pages) and the amount. A log a reorg removed
// stays listed from the alert's own record, marked as no longer indexed. An admin action through a
// TokenGovernor names its real caller as "from", with the governor as its path and the token
// function it called (reallocate, recoverERC20, ...).
import { Usd1Amount } from "@/components/ui/amount";
import { Card } from "@/components/ui/card";
import { eventKindLabel } from "@/components/ui/event-labels";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import type { AlertCase } from "@/db/queries/alert-case";
import { formatDateTimeUtc, formatInt } from "@/lib/format";
import { ALERT_CARDS, PartyCell, shortHex } from "./parts";

export function AlertCaseEvidence({ c }: { c: AlertCase }) {
  const chainIds = new Set(c.evidence.map((e) => e.chainId));
  // A standing case (R9) gathers transfers from every chain.
  const chain =
    chainIds.size > 1
      ? `${formatInt(chainIds.size)} chains`
      : (c.alert.chainName ?? `Chain ${c.alert.chainId}`);
  const shown = c.alert.facts.evidenceShown;
  return (
    <Card
      {...ALERT_CARDS.evidence}
      description={`${formatInt(c.evidence.length)} logs on ${chain}, in chain order.${
        shown ? ` The rule kept ${shown}.` : ""
      }`}
    >
      {c.evidence.length === 0 ? (
        <EmptyState title="No evidence recorded">This alert lists no logs.</EmptyState>
      ) : (
        <Table caption="Evidence logs of this alert">
          <thead>
            <tr>
              <Th>Part</Th>
              <Th>Kind</Th>
              <Th numeric>Block</Th>
              <Th>Time (UTC)</Th>
              <Th>Transaction</Th>
              <Th>From (caller)</Th>
              <Th>To</Th>
              <Th numeric>Amount</Th>
            </tr>
          </thead>
          <tbody>
            {c.evidence.map((e) => (
              <tr
                key={`${e.source}:${e.txHash}:${e.logIndex}`}
                data-testid="alert-evidence-row"
                data-role={e.role}
                data-tx={e.txHash}
              >
                <Th scope="row">{e.role}</Th>
                <Td>
                  {e.kind ? <span title={e.kind}>{eventKindLabel(e.kind)}</span> : "—"}
                  {e.source === "token_event" ? (
                    <span className="block text-xs text-slate-500">token event</span>
                  ) : null}
                  {e.tokenFunction ? (
                    <span className="block text-xs text-slate-700" data-testid="alert-evidence-function">
                      token function {e.tokenFunction}()
                    </span>
                  ) : null}
                </Td>
                <Td numeric>{e.blockNumber.toString()}</Td>
                <Td className="whitespace-nowrap">
                  {e.blockTime ? (
                    formatDateTimeUtc(e.blockTime).replace(" UTC", "")
                  ) : (
                    <span className="text-amber-800">no longer indexed (reorg)</span>
                  )}
                </Td>
                <Td>
                  <span className="font-mono text-xs" title={`${e.txHash} log ${e.logIndex}`}>
                    {shortHex(e.txHash, 10, 8)}
                  </span>
                  <span className="block text-xs text-slate-500">log {e.logIndex}</span>
                </Td>
                <Td>
                  <PartyCell party={e.from} chainId={e.chainId} />
                  {e.via ? (
                    <span className="mt-1 block text-xs text-slate-600" data-testid="alert-evidence-via">
                      via governor <PartyCell party={e.via} chainId={e.chainId} />
                    </span>
                  ) : null}
                </Td>
                <Td>
                  <PartyCell party={e.to} chainId={e.chainId} />
                  {e.counterparty ? (
                    <span className="mt-1 block text-xs text-slate-600">
                      and <PartyCell party={e.counterparty} chainId={e.chainId} />
                    </span>
                  ) : null}
                </Td>
                <Td numeric>{e.amount === null ? "—" : <Usd1Amount wei={e.amount} />}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
