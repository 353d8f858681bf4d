// The logs that make the case: each with chain, block, time, transaction, both sides attributed
// through the registry (linked to their address pages) and the amount. A log a reorg removed
// stays listed from the alert's own record, marked as no longer indexed. An admin action through a
// TokenGovernor names its real caller as "from", with the governor as its path and the token
// function it called (reallocate, recoverERC20, ...). A market alert (R13, R14; issue #17) rests on
// reserve reports and pool swaps instead: each listed with its feed or pool and its figures.
import Link from "next/link";
import { Usd1Amount } from "@/components/ui/amount";
import { Card } from "@/components/ui/card";
import { eventKindLabel } from "@/components/ui/event-labels";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import type { AlertCase, CaseEvidence } from "@/db/queries/alert-case";
import { formatCount, formatDateTimeUtc, formatInt, formatUsd1, formatWeiExact } from "@/lib/format";
import { formatCentiBps, formatE18, scaleTo18 } from "@/lib/reserves/math";
import { ALERT_CARDS, PartyCell, shortHex } from "./parts";

const isLog = (e: CaseEvidence) => e.source === "transfer" || e.source === "token_event";

/** Link to a page of the evidence, at `size` rows a page (the current size when omitted). */
export type EvidencePageHref = (page: number, size?: number) => string;

/** Page sizes the pager offers (all of them PAGE_SIZES the URL accepts). */
const EVIDENCE_SIZES = [25, 50, 100] as const;

export function AlertCaseEvidence({ c, pageHref }: { c: AlertCase; pageHref: EvidencePageHref }) {
  const sum = c.evidenceSummary;
  // A standing case (R9) gathers transfers from every chain.
  const chain =
    sum.chainIds.length > 1
      ? `${formatInt(sum.chainIds.length)} chains`
      : (c.alert.chainName ?? `Chain ${c.alert.chainId}`);
  const shown = c.alert.facts.evidenceShown;
  const logs = c.evidence.filter(isLog);
  const reports = c.evidence.filter((e) => e.source === "reserve_report");
  const swaps = c.evidence.filter((e) => e.source === "pool_swap");
  const counted = [
    sum.logs || !(sum.reports || sum.swaps) ? formatCount(sum.logs, "log") : null,
    sum.reports ? formatCount(sum.reports, "reserve report") : null,
    sum.swaps ? formatCount(sum.swaps, "pool swap") : null,
  ].filter(Boolean);
  return (
    <Card
      {...ALERT_CARDS.evidence}
      description={`${counted.join(", ")} on ${chain}, in chain order.${shown ? ` The rule kept ${shown}.` : ""}`}
    >
      {sum.total === 0 ? (
        <EmptyState title="No evidence recorded">This alert lists no logs.</EmptyState>
      ) : (
        <div className="space-y-4">
          {logs.length > 0 ? <LogTable rows={logs} /> : null}
          {reports.length > 0 ? <ReportTable rows={reports} /> : null}
          {swaps.length > 0 ? <SwapTable rows={swaps} /> : null}
          <EvidencePager c={c} pageHref={pageHref} />
        </div>
      )}
    </Card>
  );
}

/** Rows a–b of n, with links to the first, previous, next and last pages (plain links: no script needed). */
function EvidencePager({ c, pageHref }: { c: AlertCase; pageHref: EvidencePageHref }) {
  const { offset, limit } = c.evidencePage;
  const total = c.evidenceSummary.total;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  const first = Math.min(offset + 1, total);
  const last = Math.min(offset + c.evidence.length, total);
  const link = (to: number, label: string, rel?: string) =>
    to >= 1 && to <= pages && to !== page ? (
      <Link
        href={pageHref(to)}
        rel={rel}
        className="text-sky-800 underline"
        data-testid={`alert-evidence-${label}`}
      >
        {label}
      </Link>
    ) : (
      <span className="text-slate-500">{label}</span>
    );
  return (
    <nav
      aria-label="Evidence pages"
      className="flex flex-wrap items-center gap-3 text-sm text-slate-600"
      data-testid="alert-evidence-pager"
      data-page={page}
      data-pages={pages}
      data-total={total}
      data-size={limit}
    >
      <p role="status">
        {c.evidence.length === 0
          ? `No evidence on page ${formatInt(page)}: the case holds ${formatCount(total, "row")}.`
          : `Rows ${formatInt(first)}–${formatInt(last)} of ${formatInt(total)}, page ${formatInt(page)} of ${formatInt(pages)}`}
      </p>
      {total > EVIDENCE_SIZES[0] ? (
        <span className="flex items-center gap-2" data-testid="alert-evidence-sizes">
          Rows per page:
          {EVIDENCE_SIZES.map((n) =>
            n === limit ? (
              <span key={n} aria-current="true" className="font-semibold text-slate-900">
                {n}
              </span>
            ) : (
              // The first row shown stays on the new page.
              <Link key={n} href={pageHref(Math.floor(offset / n) + 1, n)} className="text-sky-800 underline">
                {n}
              </Link>
            ),
          )}
        </span>
      ) : null}
      {pages > 1 ? (
        <span className="ml-auto flex items-center gap-3">
          {link(1, "first")}
          {link(page - 1, "previous", "prev")}
          {link(page + 1, "next", "next")}
          {link(pages, "last")}
        </span>
      ) : null}
    </nav>
  );
}

function TimeCell({ e }: { e: CaseEvidence }) {
  return (
    <Td className="whitespace-nowrap">
      {e.blockTime ? (
        formatDateTimeUtc(e.blockTime).replace(" UTC", "")
      ) : (
        <span className="text-amber-800">no longer indexed (reorg)</span>
      )}
    </Td>
  );
}

function TxCell({ e }: { e: CaseEvidence }) {
  return (
    <Td>
      <span
        className="font-mono text-xs"
        title={`${e.txHash} log ${e.logIndex}`}
        data-testid="alert-evidence-tx"
      >
        {shortHex(e.txHash, 10, 8)}
      </span>
      <span className="block text-xs text-slate-500">log {e.logIndex}</span>
    </Td>
  );
}

function rowProps(e: CaseEvidence) {
  return {
    key: `${e.source}:${e.txHash}:${e.logIndex}`,
    "data-testid": "alert-evidence-row",
    "data-source": e.source,
    "data-role": e.role,
    "data-tx": e.txHash,
  };
}

function LogTable({ rows }: { rows: CaseEvidence[] }) {
  return (
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
        {rows.map((e) => {
          const { key, ...props } = rowProps(e);
          return (
            <tr key={key} {...props}>
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
              <TimeCell e={e} />
              <TxCell e={e} />
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
          );
        })}
      </tbody>
    </Table>
  );
}

/** As the Reserves page names them (components/reserves/sources-card.tsx). */
const SOURCE_KIND_LABELS = { aggregator_v3: "AggregatorV3 feed", keystone_bundle: "Keystone bundle" };

function ReportTable({ rows }: { rows: CaseEvidence[] }) {
  return (
    <Table caption="Reserve reports of this alert">
      <thead>
        <tr>
          <Th>Part</Th>
          <Th>Source</Th>
          <Th>Round</Th>
          <Th>Reported at (UTC)</Th>
          <Th numeric>Block</Th>
          <Th>Mined (UTC)</Th>
          <Th>Transaction</Th>
          <Th numeric>Reserves (USD)</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((e) => {
          const { key, ...props } = rowProps(e);
          const r = e.report;
          return (
            <tr key={key} {...props}>
              <Th scope="row">{e.role}</Th>
              <Td>
                {r ? (
                  <span className="flex flex-col" data-testid="alert-evidence-source">
                    <span>{r.sourceLabel}</span>
                    <span className="font-mono text-xs text-slate-600" title={r.sourceAddress}>
                      {shortHex(r.sourceAddress)}
                    </span>
                    <span className="text-xs text-slate-500">{SOURCE_KIND_LABELS[r.sourceKind]}</span>
                  </span>
                ) : (
                  "—"
                )}
              </Td>
              <Td numeric data-testid="alert-evidence-round">
                {r ? (r.roundId === null ? "bundle" : r.roundId.toString()) : "—"}
              </Td>
              <Td className="whitespace-nowrap" data-testid="alert-evidence-reported-at">
                {r ? formatDateTimeUtc(r.reportedAt).replace(" UTC", "") : "—"}
              </Td>
              <Td numeric>{e.blockNumber.toString()}</Td>
              <TimeCell e={e} />
              <TxCell e={e} />
              <Td numeric>
                {r ? (
                  <span
                    data-testid="alert-evidence-reserves"
                    data-wei={r.reservesWei.toString()}
                    title={`${formatWeiExact(r.reservesWei, { group: true })} USD (${r.reservesWei} wei; answer ${r.answer} at ${r.decimals} decimals)`}
                    className="tabular-nums"
                  >
                    {formatUsd1(r.reservesWei, { unit: false })}
                  </span>
                ) : (
                  "—"
                )}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

/** A raw token amount in the token's decimals, signed, to the cent (the exact raw value goes in the title). */
function formatUnits(raw: bigint, decimals: number): string {
  return formatUsd1(scaleTo18(raw, decimals), { unit: false, signed: true });
}

function SwapTable({ rows }: { rows: CaseEvidence[] }) {
  return (
    <Table caption="Pool swaps of this alert">
      <thead>
        <tr>
          <Th>Part</Th>
          <Th>Pool</Th>
          <Th numeric>Block</Th>
          <Th>Time (UTC)</Th>
          <Th>Transaction</Th>
          <Th numeric>USD1 price (bps from $1)</Th>
          <Th numeric>USD1 into pool</Th>
          <Th numeric>Quote into pool</Th>
          <Th numeric>Liquidity after</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((e) => {
          const { key, ...props } = rowProps(e);
          const w = e.swap;
          return (
            <tr key={key} {...props}>
              <Th scope="row">{e.role}</Th>
              <Td>
                {w ? (
                  <span className="flex flex-col" data-testid="alert-evidence-pool">
                    <span>{w.poolLabel}</span>
                    <span className="font-mono text-xs text-slate-600" title={w.poolAddress}>
                      {shortHex(w.poolAddress)}
                    </span>
                    <span className="text-xs text-slate-500">
                      {w.dex === "uniswap_v3" ? "Uniswap v3" : "PancakeSwap v3"}, fee {formatFeeTier(w.fee)}
                    </span>
                  </span>
                ) : (
                  "—"
                )}
              </Td>
              <Td numeric>{e.blockNumber.toString()}</Td>
              <TimeCell e={e} />
              <TxCell e={e} />
              <Td numeric>
                {w ? (
                  <span
                    data-testid="alert-evidence-price"
                    data-centi-bps={w.deviationCentiBps.toString()}
                    title={`${formatE18(w.priceE18, 6)} ${w.quoteSymbol} per USD1; tick ${w.tick}, sqrtPriceX96 ${w.sqrtPriceX96}`}
                  >
                    {formatCentiBps(w.deviationCentiBps)}
                  </span>
                ) : (
                  "—"
                )}
              </Td>
              <Td numeric>
                {w ? <Usd1Amount wei={w.usd1Delta} signed testId="alert-evidence-usd1" /> : "—"}
              </Td>
              <Td numeric>
                {w ? (
                  <span
                    data-testid="alert-evidence-quote"
                    data-raw={w.quoteDelta.toString()}
                    title={`${w.quoteDelta} raw units, ${w.quoteDecimals} decimals`}
                    className="tabular-nums"
                  >
                    {formatUnits(w.quoteDelta, w.quoteDecimals)} {w.quoteSymbol}
                  </span>
                ) : (
                  "—"
                )}
              </Td>
              <Td numeric data-testid="alert-evidence-liquidity">
                {w ? formatInt(w.liquidity) : "—"}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

/** Fee tier in hundredths of a bip, in integers: 100 → "0.01%", 3000 → "0.3%". */
function formatFeeTier(fee: number): string {
  const frac = String(fee % 10_000)
    .padStart(4, "0")
    .replace(/0+$/, "");
  return `${Math.trunc(fee / 10_000)}${frac ? `.${frac}` : ""}%`;
}
