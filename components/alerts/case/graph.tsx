// Whom the subject dealt with around the alert, drawn server-side as a small SVG: the subject in
// the middle, counterparties on a circle, one arrow per direction (width by amount), the alert's
// parties outlined in red. The same edges are listed in a table for reading and for screen readers.
import { CHART_COLORS } from "@/components/charts/chart-data";
import { Usd1Amount } from "@/components/ui/amount";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import type { AlertCase } from "@/db/queries/alert-case";
import { alertWindow, type GraphEdge } from "@/db/queries/alert-case-activity";
import { formatInt } from "@/lib/format";
import { ALERT_CARDS, PartyCell, partyName, shortHex } from "./parts";

const W = 640;
const H = 380;
const CX = W / 2;
const CY = H / 2;
const RING = 140;
const R_SUBJECT = 22;
const R_NODE = 12;
const COLOR = { in: CHART_COLORS[0]!, out: CHART_COLORS[1]! };

type Node = { address: string; name: string; isParty: boolean; x: number; y: number; edges: GraphEdge[] };

function layout(edges: GraphEdge[], subject: string): Node[] {
  const others = [...new Set(edges.map((e) => e.counterparty))].filter((a) => a !== subject);
  return others.map((address, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / others.length;
    const mine = edges.filter((e) => e.counterparty === address);
    const first = mine[0]!;
    return {
      address,
      name: partyName({ address, entityName: first.entityName, label: first.label }),
      isParty: first.isParty,
      x: CX + RING * Math.cos(angle),
      y: CY + RING * Math.sin(angle),
      edges: mine,
    };
  });
}

/** Stroke width 1.5–7 by the edge's share of the largest amount (bigint ratio, then a Number). */
function width(amount: bigint, max: bigint): number {
  if (max === 0n) return 1.5;
  return 1.5 + (5.5 * Number((amount * 1000n) / max)) / 1000;
}

function Arrow({ node, edge, max, offset }: { node: Node; edge: GraphEdge; max: bigint; offset: number }) {
  const dx = node.x - CX;
  const dy = node.y - CY;
  const len = Math.hypot(dx, dy);
  const [ux, uy] = [dx / len, dy / len];
  // Two directions to one counterparty run side by side instead of on top of each other.
  const [ox, oy] = [-uy * offset, ux * offset];
  const a = { x: CX + ux * (R_SUBJECT + 2) + ox, y: CY + uy * (R_SUBJECT + 2) + oy };
  const b = { x: node.x - ux * (R_NODE + 4) + ox, y: node.y - uy * (R_NODE + 4) + oy };
  const [from, to] = edge.direction === "out" ? [a, b] : [b, a];
  return (
    <line
      x1={from.x}
      y1={from.y}
      x2={to.x}
      y2={to.y}
      stroke={COLOR[edge.direction]}
      strokeWidth={width(edge.amount, max)}
      strokeOpacity={0.85}
      markerEnd={`url(#alert-graph-arrow-${edge.direction})`}
    />
  );
}

/** Outside the ring, pointing away from the subject, so neighbouring labels do not collide. */
function NodeLabel({ node }: { node: Node }) {
  const len = Math.hypot(node.x - CX, node.y - CY) || 1;
  const [ux, uy] = [(node.x - CX) / len, (node.y - CY) / len];
  const anchor = ux > 0.3 ? "start" : ux < -0.3 ? "end" : "middle";
  const gap = R_NODE + 5;
  return (
    <text
      x={node.x + ux * gap}
      y={node.y + uy * gap + (uy > 0.3 ? 9 : uy < -0.3 ? -2 : 4)}
      textAnchor={anchor}
      fontSize="11"
      fill="#0f172a"
    >
      {node.name.length > 24 ? `${node.name.slice(0, 23)}…` : node.name}
    </text>
  );
}

function GraphSvg({ c }: { c: AlertCase }) {
  const subject = c.alert.subject!;
  const nodes = layout(c.graph.edges, subject);
  const max = c.graph.edges.reduce((m, e) => (e.amount > m ? e.amount : m), 0n);
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="h-auto w-full max-w-2xl"
      role="img"
      aria-label={`Counterparty graph of ${shortHex(subject)}: ${nodes.length} counterparties; the edges are listed in the table below.`}
    >
      <defs>
        {(["in", "out"] as const).map((d) => (
          <marker
            key={d}
            id={`alert-graph-arrow-${d}`}
            viewBox="0 0 10 10"
            refX="8"
            refY="5"
            markerWidth="5"
            markerHeight="5"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill={COLOR[d]} />
          </marker>
        ))}
      </defs>
      {nodes.flatMap((n) =>
        n.edges.map((e) => (
          <Arrow
            key={`${n.address}-${e.direction}`}
            node={n}
            edge={e}
            max={max}
            offset={n.edges.length > 1 ? (e.direction === "in" ? 4 : -4) : 0}
          />
        )),
      )}
      {nodes.map((n) => (
        <g key={n.address}>
          <title>{`${n.name} (${n.address})`}</title>
          <circle
            cx={n.x}
            cy={n.y}
            r={R_NODE}
            fill="#f8fafc"
            stroke={n.isParty ? "#b91c1c" : "#64748b"}
            strokeWidth={n.isParty ? 2.5 : 1.5}
          />
          <NodeLabel node={n} />
        </g>
      ))}
      <g>
        <title>{`Subject ${subject}`}</title>
        <circle cx={CX} cy={CY} r={R_SUBJECT} fill="#0f172a" />
        <text x={CX} y={CY + 4} textAnchor="middle" fontSize="10" fill="#ffffff">
          subject
        </text>
      </g>
    </svg>
  );
}

export function AlertCaseGraph({ c }: { c: AlertCase }) {
  const w = alertWindow(c.alert.blockTime);
  const { edges, totalEdges } = c.graph;
  return (
    <Card
      {...ALERT_CARDS.graph}
      description={`${w.firstDay} to ${w.lastDay}; the ${formatInt(edges.length)} largest of ${formatInt(totalEdges)} flows (one per counterparty and direction). Blue: into the subject; orange: out of it; red rings: parties of the alert.`}
    >
      {c.alert.subject === null || edges.length === 0 ? (
        <p className="text-sm text-slate-600">
          {c.alert.subject === null
            ? "This alert has no subject address (a contract event)."
            : "The subject has no transfers in this window."}
        </p>
      ) : (
        <div className="space-y-3">
          <GraphSvg c={c} />
          <Table caption="Counterparty flows of the subject around the alert, largest first">
            <thead>
              <tr>
                <Th>Direction</Th>
                <Th>Counterparty</Th>
                <Th numeric>Transfers</Th>
                <Th numeric>Amount</Th>
              </tr>
            </thead>
            <tbody>
              {edges.map((e) => (
                <tr key={`${e.counterparty}-${e.direction}`} data-testid="alert-graph-edge">
                  <Th scope="row">{e.direction === "in" ? "from" : "to"}</Th>
                  <Td>
                    <PartyCell
                      party={{
                        address: e.counterparty,
                        entityName: e.entityName,
                        country: e.country,
                        label: e.label,
                      }}
                      chainId={c.alert.chainId}
                    />
                    {e.isParty ? <span className="text-xs text-red-800">party of the alert</span> : null}
                  </Td>
                  <Td numeric>{formatInt(e.count)}</Td>
                  <Td numeric>
                    <Usd1Amount wei={e.amount} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </Card>
  );
}
