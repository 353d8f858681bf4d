// Small charts drawn with react-pdf's SVG primitives (no chart library, no raster). Amounts
// arrive as wei strings; they become floats only here, for pixel geometry, never for a figure.
import { Line, Polyline, Rect, StyleSheet, Svg, Text, View } from "@react-pdf/renderer";
import { formatUsd1Compact } from "@/lib/format";

const INK = "#1f2937";
const MUTED = "#6b7280";
const GRID = "#e5e7eb";
const UP = "#1d4ed8";
const DOWN = "#b91c1c";

const s = StyleSheet.create({
  caption: { fontSize: 8, color: MUTED, marginBottom: 2 },
  axis: { flexDirection: "row", justifyContent: "space-between", fontSize: 7, color: MUTED },
  barRow: { flexDirection: "row", alignItems: "center", marginBottom: 2 },
  barLabel: { width: 150, fontSize: 8, color: INK },
  barValue: { width: 60, fontSize: 8, color: INK, textAlign: "right" },
});

/** Wei → USD1 as a float, for drawing only. */
export function weiToFloat(wei: string): number {
  const v = BigInt(wei);
  return Number(v / 10n ** 12n) / 1e6;
}

export type SeriesPoint = { label: string; value: string };

/** Line chart of a daily series (e.g. closing supply), with its range printed beside it. */
export function LineChart(props: { title: string; points: SeriesPoint[]; width: number; height: number }) {
  const { points, width, height } = props;
  const values = points.map((p) => weiToFloat(p.value));
  // Scaled to the series' own range (not from zero): a supply moves a few percent a month.
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = (max - min) * 0.08 || Math.abs(max) * 0.01 || 1;
  const span = max - min + 2 * pad;
  const step = points.length > 1 ? width / (points.length - 1) : 0;
  const y = (v: number) => height - ((v - min + pad) / span) * height;
  const line = values.map((v, i) => `${(i * step).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const pick = (better: (a: bigint, b: bigint) => boolean) =>
    points.length
      ? formatUsd1Compact(points.reduce((a, p) => (better(BigInt(p.value), BigInt(a.value)) ? p : a)).value)
      : "0";
  return (
    <View wrap={false}>
      <Text style={s.caption}>
        {props.title} (low {pick((a, b) => a < b)}, high {pick((a, b) => a > b)} USD1)
      </Text>
      <Svg width={width} height={height}>
        <Line x1={0} y1={height} x2={width} y2={height} stroke={GRID} strokeWidth={1} />
        {points.length > 1 ? <Polyline points={line} stroke={UP} strokeWidth={1.5} fill="none" /> : null}
      </Svg>
      <View style={[s.axis, { width }]}>
        <Text>{points[0]?.label ?? ""}</Text>
        <Text>{points[points.length - 1]?.label ?? ""}</Text>
      </View>
    </View>
  );
}

/** Column chart of signed daily values (e.g. net issuance): up in blue, down in red. */
export function ColumnChart(props: { title: string; points: SeriesPoint[]; width: number; height: number }) {
  const { points, width, height } = props;
  const values = points.map((p) => weiToFloat(p.value));
  const top = Math.max(...values, 0);
  const bottom = Math.min(...values, 0);
  const span = top - bottom || 1;
  const zero = (top / span) * height;
  const slot = points.length ? width / points.length : width;
  return (
    <View wrap={false}>
      <Text style={s.caption}>{props.title}</Text>
      <Svg width={width} height={height}>
        <Line x1={0} y1={zero} x2={width} y2={zero} stroke={GRID} strokeWidth={1} />
        {values.map((v, i) => {
          const h = (Math.abs(v) / span) * height;
          return (
            <Rect
              key={points[i]!.label}
              x={i * slot + slot * 0.15}
              y={v >= 0 ? zero - h : zero}
              width={slot * 0.7}
              height={Math.max(h, v === 0 ? 0 : 0.5)}
              fill={v >= 0 ? UP : DOWN}
            />
          );
        })}
      </Svg>
      <View style={[s.axis, { width }]}>
        <Text>{points[0]?.label ?? ""}</Text>
        <Text>
          range {formatUsd1Compact(String(BigInt(Math.round(bottom)) * 10n ** 18n))} to{" "}
          {formatUsd1Compact(String(BigInt(Math.round(top)) * 10n ** 18n))} USD1
        </Text>
        <Text>{points[points.length - 1]?.label ?? ""}</Text>
      </View>
    </View>
  );
}

/** Horizontal bars (e.g. adjusted corridor volume), labelled with exact compact figures. */
export function BarList(props: { items: SeriesPoint[]; width: number }) {
  const values = props.items.map((p) => weiToFloat(p.value));
  const max = Math.max(...values, 0) || 1;
  return (
    <View wrap={false}>
      {props.items.map((item, i) => (
        <View key={item.label} style={s.barRow}>
          <Text style={s.barLabel}>{item.label}</Text>
          <Svg width={props.width} height={8}>
            <Rect x={0} y={0} width={Math.max((values[i]! / max) * props.width, 0.5)} height={8} fill={UP} />
          </Svg>
          <Text style={s.barValue}>{formatUsd1Compact(item.value)}</Text>
        </View>
      ))}
    </View>
  );
}

const PALETTE = [UP, "#059669", "#d97706", "#7c3aed", DOWN, "#0891b2"];

export type LevelSeries = { name: string; values: (string | null)[] };

/**
 * Lines of integer series (1e18 ratios, centi-bps) on one scale, with a dashed reference level
 * (100 %, the peg). `toFloat` is for pixel geometry only; the caption's low and high are exact,
 * compared as integers and printed by `format`. A null value breaks its line.
 */
export function LevelChart(props: {
  title: string;
  labels: string[];
  series: LevelSeries[];
  reference: string;
  toFloat: (v: string) => number;
  format: (v: string) => string;
  width: number;
  height: number;
}) {
  const { labels, series, width, height } = props;
  const all = series.flatMap((sr) => sr.values.filter((v): v is string => v !== null));
  const floats = [...all, props.reference].map(props.toFloat);
  const min = Math.min(...floats);
  const max = Math.max(...floats);
  const pad = (max - min) * 0.08 || Math.abs(max) * 0.01 || 1;
  const span = max - min + 2 * pad;
  const step = labels.length > 1 ? width / (labels.length - 1) : 0;
  const y = (v: number) => height - ((v - min + pad) / span) * height;
  const runs = (values: (string | null)[]) => {
    const out: string[] = [];
    let cur: string[] = [];
    values.forEach((v, i) => {
      if (v === null) {
        if (cur.length > 1) out.push(cur.join(" "));
        cur = [];
      } else cur.push(`${(i * step).toFixed(1)},${y(props.toFloat(v)).toFixed(1)}`);
    });
    if (cur.length > 1) out.push(cur.join(" "));
    return out;
  };
  const pick = (lower: boolean) =>
    all.length
      ? props.format(all.reduce((a, v) => ((lower ? BigInt(v) < BigInt(a) : BigInt(v) > BigInt(a)) ? v : a)))
      : "none";
  const ref = y(props.toFloat(props.reference));
  return (
    <View wrap={false}>
      <Text style={s.caption}>
        {props.title} (low {pick(true)}, high {pick(false)})
      </Text>
      <Svg width={width} height={height}>
        <Line x1={0} y1={ref} x2={width} y2={ref} stroke={MUTED} strokeWidth={0.5} strokeDasharray="3,2" />
        {series.flatMap((sr, k) =>
          runs(sr.values).map((pts, j) => (
            <Polyline
              key={`${sr.name}-${j}`}
              points={pts}
              stroke={PALETTE[k % PALETTE.length]}
              strokeWidth={1.2}
              fill="none"
            />
          )),
        )}
      </Svg>
      <View style={[s.axis, { width }]}>
        <Text>{labels[0] ?? ""}</Text>
        <Text>{labels[labels.length - 1] ?? ""}</Text>
      </View>
      {series.length > 1 ? (
        <View style={{ flexDirection: "row", flexWrap: "wrap", width }}>
          {series.map((sr, k) => (
            <Text key={sr.name} style={{ fontSize: 7, color: PALETTE[k % PALETTE.length], marginRight: 6 }}>
              — {sr.name}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}
