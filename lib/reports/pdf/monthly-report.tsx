// The monthly supervisory report (react-pdf). Props are MonthlyReportData only (plain strings
// and numbers), so what is printed is exactly what loadMonthlyReportData computed. Every page
// carries the export id in its footer: a printed page leads back to its audit record.
import type { Readable } from "node:stream";
import { Document, Page, renderToStream, StyleSheet, Text, View } from "@react-pdf/renderer";
import { formatCountry, formatDateTimeUtc, formatInt, formatUsd1 } from "@/lib/format";
import { formatCentiBps, formatPercentE18 } from "@/lib/reserves/math";
import { BarList, ColumnChart, LevelChart, LineChart } from "./charts";
import type { MonthlyReportData } from "./monthly-data";
import type { CollateralAt } from "./monthly-reserves";
import { Methodology, Table, type Column } from "./report-parts";
import type { ExportBody } from "../run-export";

const s = StyleSheet.create({
  page: { padding: 36, paddingBottom: 48, fontSize: 9, fontFamily: "Helvetica", color: "#111827" },
  title: { fontSize: 16, fontFamily: "Helvetica-Bold", marginBottom: 2 },
  subtitle: { fontSize: 10, color: "#374151", marginBottom: 10 },
  h2: { fontSize: 11, fontFamily: "Helvetica-Bold", marginTop: 12, marginBottom: 4 },
  note: { fontSize: 8, color: "#4b5563", marginTop: 3 },
  charts: { flexDirection: "row", justifyContent: "space-between", marginTop: 6 },
  spaced: { marginTop: 6 },
  footer: {
    position: "absolute",
    bottom: 20,
    left: 36,
    right: 36,
    fontSize: 7,
    color: "#6b7280",
    flexDirection: "row",
    justifyContent: "space-between",
  },
  ok: { color: "#166534" },
  bad: { color: "#b91c1c", fontFamily: "Helvetica-Bold" },
});

/** In running text, with the unit. */
const usd = (wei: string) => formatUsd1(wei);
const signed = (wei: string) => formatUsd1(wei, { signed: true });
/** In table cells: the column header names the unit. */
const num = (wei: string) => formatUsd1(wei, { unit: false });
const signedNum = (wei: string) => formatUsd1(wei, { unit: false, signed: true });

function SupplySection({ data }: { data: MonthlyReportData }) {
  type Row = MonthlyReportData["supply"]["chains"][number];
  const columns: Column<Row>[] = [
    { title: "Chain", width: 2, cell: (r) => r.name },
    { title: "Opening supply", width: 2, align: "right", cell: (r) => num(r.opening) },
    { title: "Issued", width: 1.7, align: "right", cell: (r) => num(r.issuerMinted) },
    { title: "Redeemed", width: 1.7, align: "right", cell: (r) => num(r.issuerBurned) },
    { title: "Net issuance", width: 1.8, align: "right", cell: (r) => signedNum(r.netIssuance) },
    { title: "Bridge in", width: 1.6, align: "right", cell: (r) => num(r.bridgeMinted) },
    { title: "Bridge out", width: 1.6, align: "right", cell: (r) => num(r.bridgeBurned) },
    { title: "Closing supply", width: 2, align: "right", cell: (r) => num(r.closing) },
  ];
  const total = { ...data.supply.total, chainId: 0, name: "Total", rolledUpBlock: null };
  const daily = data.supply.daily;
  return (
    <View>
      <Text style={s.h2}>Supply and net issuance (USD1)</Text>
      <Table columns={columns} rows={[...data.supply.chains, total]} boldLast />
      <View style={s.charts}>
        <LineChart
          title="Closing supply per day"
          width={250}
          height={80}
          points={daily.map((d) => ({ label: d.day, value: d.closing }))}
        />
        <ColumnChart
          title="Net issuance per day"
          width={250}
          height={80}
          points={daily.map((d) => ({ label: d.day, value: d.netIssuance }))}
        />
      </View>
      <Text style={s.note}>
        From the daily supply rollup (finalized blocks). Rolled up to block{" "}
        {data.supply.chains.map((c) => `${c.rolledUpBlock ?? "none"} on ${c.name}`).join(", ") || "none"} at
        generation. Position at generation, as on the overview screen: supply {usd(data.position.total)}, net
        issuance to date {signed(data.position.netIssuance)}, in transit between chains{" "}
        {usd(data.position.inTransit)}, held in bridge pools {usd(data.position.poolHeld)}.
      </Text>
    </View>
  );
}

function ReconciliationSection({ data }: { data: MonthlyReportData }) {
  type Row = MonthlyReportData["reconciliation"][number];
  const columns: Column<Row>[] = [
    { title: "Chain", width: 2, cell: (r) => r.name },
    { title: "Block", width: 1, align: "right", cell: (r) => formatInt(r.blockNumber) },
    { title: "Indexed supply (USD1)", width: 2.4, align: "right", cell: (r) => num(r.indexed) },
    { title: "On-chain totalSupply()", width: 2.4, align: "right", cell: (r) => num(r.onchain) },
    { title: "Difference (wei)", width: 1.4, align: "right", cell: (r) => r.difference },
    {
      title: "Status",
      width: 1.2,
      cell: (r) => (r.matches ? "Matches" : "MISMATCH"),
      style: (r) => (r.matches ? s.ok : s.bad),
    },
    { title: "Checked", width: 2.6, cell: (r) => formatDateTimeUtc(r.checkedAt) },
  ];
  return (
    <View wrap={false}>
      <Text style={s.h2}>Reconciliation</Text>
      {data.reconciliation.length === 0 ? (
        <Text>No reconciliation has been recorded yet.</Text>
      ) : (
        <Table columns={columns} rows={data.reconciliation} />
      )}
    </View>
  );
}

/** Basis points to 0.01 from centi-bps, with an ASCII minus (the PDF's standard fonts have no U+2212). */
const bps = (centi: string | null) =>
  centi === null ? "none" : formatCentiBps(BigInt(centi)).replace("−", "-");
const percent = (e18: string | null) => (e18 === null ? "none" : `${formatPercentE18(BigInt(e18))}%`);
/** Hours to 0.01, rounded down, from whole seconds. */
const hours = (seconds: number) =>
  `${Math.floor(seconds / 3600)}.${String(Math.floor(((seconds % 3600) * 100) / 3600)).padStart(2, "0")}`;
/** Whole minutes, with the leftover seconds when there are any. */
const minutes = (seconds: number) =>
  seconds % 60 === 0
    ? formatInt(seconds / 60)
    : `${formatInt(Math.floor(seconds / 60))} min ${seconds % 60} s`;
const utc = (iso: string) => formatDateTimeUtc(iso).replace(" UTC", "");

function ReservesSection({ data }: { data: MonthlyReportData }) {
  const { collateral, sources, pools, alerts } = data.reserves;
  type Point = { point: string } & CollateralAt;
  const points: Point[] = [
    collateral.start && { point: "Month start", ...collateral.start },
    collateral.end && { point: "Month end", ...collateral.end },
    collateral.min && { point: "Lowest close", ...collateral.min },
  ].filter((r): r is Point => r !== null);
  const days = collateral.daily.map((d) => d.day);
  const poolDays = pools[0]?.daily.map((d) => d.day) ?? [];
  return (
    <View>
      <Text style={s.h2}>Reserves &amp; peg</Text>
      {points.length === 0 ? (
        <Text>No reserve or native supply figure for the period.</Text>
      ) : (
        <Table
          columns={[
            { title: "Collateral ratio", width: 1.6, cell: (r) => r.point },
            { title: "Day close (UTC)", width: 1.4, cell: (r) => r.day },
            {
              title: "Reserves (USD1)",
              width: 2.1,
              align: "right",
              cell: (r) => (r.reservesWei === null ? "none" : num(r.reservesWei)),
            },
            { title: "Native supply (USD1)", width: 2.1, align: "right", cell: (r) => num(r.supplyWei) },
            { title: "Indexed (USD1)", width: 2.1, align: "right", cell: (r) => num(r.indexedSupplyWei) },
            { title: "Entered (USD1)", width: 1.8, align: "right", cell: (r) => num(r.enteredSupplyWei) },
            {
              title: "Ratio",
              width: 1.1,
              align: "right",
              cell: (r) => percent(r.ratioE18),
              style: (r) => (r.underCollateralised ? s.bad : {}),
            },
            { title: "Coverage", width: 1.1, align: "right", cell: (r) => percent(r.coverageE18) },
          ]}
          rows={points}
        />
      )}
      {collateral.min ? (
        <Text style={s.note}>
          Lowest close {collateral.min.day}: reserves{" "}
          {collateral.min.reservesSource === null
            ? "none"
            : `from ${collateral.min.reservesSource} as of ${formatDateTimeUtc(collateral.min.reservesAt!)}`}
          . Days closed below 100% (reserves &lt; supply, exactly): {formatInt(collateral.daysUnder)}.
          Coverage is the share of native supply from indexed chains; the rest is entered (Tron, Solana,
          Aptos). The ratio counts all native supply whatever the scope: reserves back the whole issue.
        </Text>
      ) : null}
      {sources.length === 0 ? (
        <Text style={s.note}>
          No proof-of-reserve feed is configured{data.scope === "All chains" ? "" : " in scope"}.
        </Text>
      ) : (
        <View style={s.spaced}>
          <Table
            columns={[
              { title: "Reserve feed", width: 3, cell: (r) => r.label },
              { title: "Chain", width: 0.9, align: "right", cell: (r) => String(r.chainId) },
              { title: "Reports", width: 1, align: "right", cell: (r) => formatInt(r.reports) },
              {
                title: "Longest gap (h)",
                width: 1.3,
                align: "right",
                cell: (r) => (r.longestGap === null ? "never reported" : hours(r.longestGap.seconds)),
              },
              {
                title: "Gap (UTC)",
                width: 4.2,
                cell: (r) =>
                  r.longestGap === null
                    ? ""
                    : `${utc(r.longestGap.from)} to ${utc(r.longestGap.to)}${r.longestGap.open ? " (no report since)" : ""}`,
              },
            ]}
            rows={sources}
          />
        </View>
      )}
      {pools.length === 0 ? (
        <Text style={s.note}>No peg pool is configured{data.scope === "All chains" ? "" : " in scope"}.</Text>
      ) : (
        <View style={s.spaced}>
          <Table
            columns={[
              { title: "Peg pool", width: 2.2, cell: (r) => r.label },
              { title: "Chain", width: 0.9, align: "right", cell: (r) => String(r.chainId) },
              { title: "Lowest (bps)", width: 1.2, align: "right", cell: (r) => bps(r.minCentiBps) },
              { title: "Highest (bps)", width: 1.2, align: "right", cell: (r) => bps(r.maxCentiBps) },
              {
                title: "Min 50+ bps off",
                width: 1.3,
                align: "right",
                cell: (r) => minutes(r.secondsBeyond50),
              },
              {
                title: "Min 200+ bps off",
                width: 1.3,
                align: "right",
                cell: (r) => minutes(r.secondsBeyond200),
              },
              {
                title: "Liquidity at end (L)",
                width: 3.1,
                align: "right",
                cell: (r) => (r.liquidityEnd === null ? "none" : formatInt(r.liquidityEnd)),
              },
              { title: "Swaps", width: 0.9, align: "right", cell: (r) => formatInt(r.swaps) },
            ]}
            rows={pools}
          />
          <Text style={s.note}>
            Deviation of USD1&apos;s 5-minute TWAP from 1.00 in bps (to 0.01, truncated toward zero); minutes
            with the TWAP at least 50 or 200 bps off the peg, until{" "}
            {formatDateTimeUtc(data.reserves.windowEnd)}.{" "}
            {pools
              .filter((p) => p.minAt !== null)
              .map(
                (p) =>
                  `${p.label}: lowest at ${utc(p.minAt!)}, highest at ${utc(p.maxAt!)}, priced ${minutes(p.pricedSeconds)}${p.pricedSeconds % 60 === 0 ? " min" : ""}`,
              )
              .join("; ")}
          </Text>
        </View>
      )}
      {days.length > 1 || poolDays.length > 1 ? (
        <View style={s.charts}>
          {days.length > 1 ? (
            <LevelChart
              title="Collateral ratio per day close"
              width={250}
              height={70}
              labels={days}
              series={[{ name: "Collateral ratio", values: collateral.daily.map((d) => d.ratioE18) }]}
              reference={(10n ** 18n).toString()}
              toFloat={(v) => Number(BigInt(v) / 10n ** 12n) / 10_000}
              format={percent}
            />
          ) : (
            <View />
          )}
          {poolDays.length > 1 ? (
            <LevelChart
              title="Worst 5-minute deviation per day, bps"
              width={250}
              height={70}
              labels={poolDays}
              series={pools.map((p) => ({ name: p.label, values: p.daily.map((d) => d.worstCentiBps) }))}
              reference="0"
              toFloat={(v) => Number(v) / 100}
              format={bps}
            />
          ) : null}
        </View>
      ) : null}
      <View wrap={false}>
        <Text style={[s.h2, { fontSize: 9 }]}>R13 / R14 alerts in the period, by severity</Text>
        {alerts === null ? (
          <Text>Monitoring not configured: no alert figures exist.</Text>
        ) : (
          <Table
            columns={[
              { title: "Rule", width: 4, cell: (r) => `${r.ruleId} ${r.title}` },
              ...alerts.severities.map((sv) => ({
                title: sv,
                width: 1,
                align: "right" as const,
                cell: (r: (typeof alerts.rows)[number]) => formatInt(r.counts[sv] ?? 0),
              })),
              { title: "Total", width: 1, align: "right", cell: (r) => formatInt(r.total) },
            ]}
            rows={alerts.rows}
          />
        )}
      </View>
    </View>
  );
}

function CorridorSection({ data }: { data: MonthlyReportData }) {
  const top = data.corridors.top;
  const label = (c: (typeof top)[number]) => `${formatCountry(c.origin)} to ${formatCountry(c.destination)}`;
  return (
    <View>
      {/* The heading stays with the bars: never alone at the foot of a page. */}
      <View wrap={false}>
        <Text style={s.h2}>Top corridors by adjusted volume</Text>
        {top.length === 0 ? (
          <Text>No attributed corridor volume in the period.</Text>
        ) : (
          <BarList width={220} items={top.map((c) => ({ label: label(c), value: c.adjustedVolume }))} />
        )}
      </View>
      {top.length === 0 ? null : (
        <>
          <Table
            columns={[
              { title: "Corridor", width: 3, cell: label },
              { title: "Transfers", width: 1, align: "right", cell: (c) => formatInt(c.adjustedCount) },
              {
                title: "Adjusted volume (USD1)",
                width: 2,
                align: "right",
                cell: (c) => num(c.adjustedVolume),
              },
              { title: "Raw volume (USD1)", width: 2, align: "right", cell: (c) => num(c.volume) },
            ]}
            rows={top}
          />
        </>
      )}
      <Text style={s.note}>
        All corridors in the period: adjusted {usd(data.corridors.adjustedTotal)} of{" "}
        {usd(data.corridors.volumeTotal)} raw volume.
      </Text>
    </View>
  );
}

function AlertsSection({ data }: { data: MonthlyReportData }) {
  const alerts = data.alerts;
  return (
    <View wrap={false}>
      <Text style={s.h2}>Alerts by rule and status</Text>
      {alerts === null ? (
        <Text>
          Monitoring not configured: no chain has been monitored on this database, so no alert figures exist.
        </Text>
      ) : alerts.rows.length === 0 ? (
        <Text>No alerts were raised in the period.</Text>
      ) : (
        <Table
          columns={[
            { title: "Rule", width: 3.2, cell: (r) => `${r.ruleId} ${r.title}` },
            ...alerts.statuses.map((st) => ({
              title: st.replace("_", " "),
              width: 1,
              align: "right" as const,
              cell: (r: (typeof alerts.rows)[number]) => formatInt(r.counts[st] ?? 0),
            })),
            { title: "Total", width: 1, align: "right", cell: (r) => formatInt(r.total) },
            { title: "Rule versions", width: 1.4, cell: (r) => r.versions },
          ]}
          rows={alerts.rows}
        />
      )}
    </View>
  );
}

function AdminSection({ data }: { data: MonthlyReportData }) {
  const { rows, total } = data.adminEvents;
  return (
    <View>
      <Text style={s.h2}>Issuer and admin events</Text>
      {rows.length === 0 ? (
        <Text>No freeze, pause, upgrade, ownership or admin event in the period.</Text>
      ) : (
        <Table
          columns={[
            { title: "Time (UTC)", width: 2.6, cell: (r) => formatDateTimeUtc(r.blockTime) },
            { title: "Chain", width: 1, align: "right", cell: (r) => String(r.chainId) },
            { title: "Event", width: 2.2, cell: (r) => r.kind.replace(/_/g, " ") },
            { title: "Subject", width: 5, cell: (r) => r.subject ?? "" },
            {
              title: "Amount (USD1)",
              width: 2,
              align: "right",
              cell: (r) => (r.amount === null ? "" : num(r.amount)),
            },
          ]}
          rows={rows}
        />
      )}
      {total > rows.length ? (
        <Text style={s.note}>
          Showing {rows.length} of {total}; the rest are in the admin events export.
        </Text>
      ) : null}
    </View>
  );
}

export function MonthlyReport({ data }: { data: MonthlyReportData }) {
  return (
    <Document
      title={`USD1 monthly supervisory report ${data.period.month}`}
      author={data.generatedBy}
      subject={`Export id ${data.exportId}`}
    >
      <Page size="A4" style={s.page}>
        <Text style={s.title}>USD1 monthly supervisory report</Text>
        <Text style={s.subtitle}>
          Period: {data.period.label} ({data.period.fromDay} to {data.period.toDay}, UTC) · Scope:{" "}
          {data.scope} · Generated {formatDateTimeUtc(data.generatedAt)} by {data.generatedBy}
        </Text>
        <SupplySection data={data} />
        <ReconciliationSection data={data} />
        <ReservesSection data={data} />
        <CorridorSection data={data} />
        <AlertsSection data={data} />
        <AdminSection data={data} />
        <Methodology data={data} />
        <View style={s.footer} fixed>
          <Text>Export id {data.exportId}</Text>
          <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
        </View>
      </Page>
    </Document>
  );
}

/** Rows of the Reserves & peg section's tables: collateral points, feeds, pools, alert rules. */
function reservesRowCount(r: MonthlyReportData["reserves"]): number {
  const points = [r.collateral.start, r.collateral.end, r.collateral.min].filter((p) => p !== null).length;
  return points + r.sources.length + r.pools.length + (r.alerts?.rows.length ?? 0);
}

/** Rows the report prints in its tables (the export's row count in the audit log). */
export function monthlyReportRowCount(data: MonthlyReportData): number {
  const alertRows = data.alerts?.rows.length ?? 0;
  return (
    data.supply.chains.length +
    data.reconciliation.length +
    reservesRowCount(data.reserves) +
    data.corridors.top.length +
    alertRows +
    data.adminEvents.rows.length
  );
}

/** The report as a PDF byte stream, for startAuditedExport. */
export async function renderMonthlyReport(data: MonthlyReportData): Promise<ExportBody> {
  const stream = (await renderToStream(<MonthlyReport data={data} />)) as unknown as Readable;
  return { stream, rowCount: () => monthlyReportRowCount(data) };
}
