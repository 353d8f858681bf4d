// Building blocks of the monthly report: a simple table and the methodology note.
import { StyleSheet, Text, View } from "@react-pdf/renderer";
import { formatDateTimeUtc } from "@/lib/format";
import type { MonthlyReportData } from "./monthly-data";

/** The few text styles a cell may take on (status colours). */
type CellStyle = { color?: string; fontFamily?: string };

const s = StyleSheet.create({
  table: { borderTopWidth: 0.5, borderColor: "#9ca3af", marginTop: 2 },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderColor: "#d1d5db", paddingVertical: 2 },
  head: { fontFamily: "Helvetica-Bold", backgroundColor: "#f3f4f6" },
  bold: { fontFamily: "Helvetica-Bold" },
  cell: { paddingHorizontal: 2, fontSize: 8 },
  h2: { fontSize: 11, fontFamily: "Helvetica-Bold", marginTop: 12, marginBottom: 4 },
  para: { fontSize: 8, marginBottom: 3, lineHeight: 1.35 },
});

export type Column<R> = {
  title: string;
  /** Relative width (flex grow). */
  width: number;
  align?: "left" | "right";
  cell: (row: R) => string;
  style?: (row: R) => CellStyle;
};

export function Table<R>(props: { columns: Column<R>[]; rows: R[]; boldLast?: boolean }) {
  const { columns, rows } = props;
  return (
    <View style={s.table}>
      <View style={[s.row, s.head]} fixed>
        {columns.map((c) => (
          <Text key={c.title} style={[s.cell, { flex: c.width, textAlign: c.align ?? "left" }]}>
            {c.title}
          </Text>
        ))}
      </View>
      {rows.map((row, i) => (
        <View key={i} style={props.boldLast && i === rows.length - 1 ? [s.row, s.bold] : s.row} wrap={false}>
          {columns.map((c) => (
            <Text
              key={c.title}
              style={[s.cell, { flex: c.width, textAlign: c.align ?? "left" }, c.style?.(row) ?? {}]}
            >
              {c.cell(row)}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

export function Methodology({ data }: { data: MonthlyReportData }) {
  const rules = data.rules;
  return (
    <View wrap={false}>
      <Text style={s.h2}>Methodology</Text>
      <Text style={s.para}>
        Amounts are exact: indexed from the token&apos;s Transfer events in wei and shown in USD1 (18
        decimals), rounded to the cent only when printed. Issuance counts the issuer&apos;s mints and burns;
        mints and burns by bridge pools move USD1 between chains and are shown apart, so cross-chain supply is
        not counted twice. Supply figures for the period come from the daily rollup, which covers finalized
        blocks only; the reconciliation compares the indexed supply with the token&apos;s totalSupply() at a
        block and must match to the wei.
      </Text>
      <Text style={s.para}>
        Attribution: an address counts for an entity (and its country, ISO 3166-1) only when the registry says
        so; volume with an unregistered side is reported as Unattributed, never guessed. Adjusted corridor
        volume excludes transfers between two addresses of the same entity and any transfer touching a bridge
        pool.
      </Text>
      <Text style={s.para}>
        Alerts are counted by the block time of the transfer that triggered them and by their status at
        generation. Each alert keeps the rule version (its parameters) and the logic version (its code) it was
        raised under.
        {rules === null
          ? " Rule settings: monitoring not configured."
          : rules.length === 0
            ? " Rule settings at generation: every rule at its defaults (version 1, never edited)."
            : ` Rule settings at generation: ${rules
                .map(
                  (r) =>
                    `${r.ruleId} v${r.version}${r.enabled ? "" : " (disabled)"}, logic v${r.logicVersion}`,
                )
                .join("; ")}.`}
      </Text>
      <Text style={s.para}>
        This report is export {data.exportId}, generated {formatDateTimeUtc(data.generatedAt)}; the audit log
        records who generated it, with which parameters, and the SHA-256 of the file.
      </Text>
    </View>
  );
}
