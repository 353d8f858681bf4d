import { Usd1Amount } from "@/components/ui/amount";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { getReadDb } from "@/db";
import { listRuleSettings } from "@/db/queries/monitoring";
import { getReserveSourcesStatus } from "@/db/queries/reserves";
import { formatDateTimeUtc, formatDuration, formatInt } from "@/lib/format";
import { ruleById } from "@/lib/monitoring/rules";

const KIND_LABELS = {
  aggregator_v3: "AggregatorV3 feed",
  keystone_bundle: "Keystone bundle",
  attestation: "Attestation",
};

/** Each reserve source, its latest figure and how old it is (stale past R13's limit, for feeds). */
export async function ReserveSourcesCard({ chainId, now }: { chainId: number | undefined; now: Date }) {
  const db = await getReadDb();
  const [sources, settings] = await Promise.all([
    getReserveSourcesStatus(db, { chainId, now }),
    listRuleSettings(db),
  ]);
  const r13 = settings.find((s) => s.ruleId === "R13");
  const staleSeconds = Number({ ...ruleById("R13").defaults, ...r13?.params }.staleSeconds);
  return (
    <Card
      id="reserves-sources"
      title="Reserve sources"
      description={`A feed is stale when its latest report is older than ${formatDuration(staleSeconds * 1000)} (R13's setting). Attestations are monthly and count once a second officer confirms them.`}
    >
      {sources.length === 0 ? (
        <p className="text-sm text-slate-600">No reserve source is configured or confirmed.</p>
      ) : (
        <Table caption="Reserve sources" scrollRegion>
          <thead>
            <tr>
              <Th>Source</Th>
              <Th>Kind</Th>
              <Th numeric>Reports</Th>
              <Th numeric>Latest figure</Th>
              <Th>Latest at (UTC)</Th>
              <Th>Age</Th>
              <Th numeric>Indexed block</Th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={`${s.kind}-${s.id}`} data-testid="reserve-source">
                <Th scope="row">{s.label}</Th>
                <Td>{KIND_LABELS[s.kind]}</Td>
                <Td numeric>{formatInt(s.reports)}</Td>
                <Td numeric>
                  {s.latestReservesWei === null ? "–" : <Usd1Amount wei={s.latestReservesWei.toString()} />}
                </Td>
                <Td className="whitespace-nowrap">{s.latestAt ? formatDateTimeUtc(s.latestAt) : "never"}</Td>
                <Td className="whitespace-nowrap">
                  {s.ageSeconds === null ? "–" : formatDuration(s.ageSeconds * 1000)}{" "}
                  {s.kind !== "attestation" && (s.ageSeconds === null || s.ageSeconds > staleSeconds) ? (
                    <Badge tone="warning">Stale</Badge>
                  ) : null}
                </Td>
                <Td numeric>{s.indexedBlock === null ? "–" : formatInt(s.indexedBlock)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
