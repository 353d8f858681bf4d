import { Usd1Amount } from "@/components/ui/amount";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { getReadDb } from "@/db";
import { listAttestations, listEnteredSupply } from "@/db/queries/reserves-manual";
import { formatDateTimeUtc } from "@/lib/format";
import { ENTERED_CHAIN_LABELS, ENTERED_SUPPLY_CHAINS, type EnteredSupplyChain } from "@/lib/reserves/chains";
import { AttestationForm, ReviewForm, SupplyForm } from "./manual-forms";

function status(a: { confirmedAt: Date | null; rejectedAt: Date | null }) {
  if (a.confirmedAt) return <Badge tone="success">Confirmed</Badge>;
  if (a.rejectedAt) return <Badge tone="neutral">Rejected</Badge>;
  return <Badge tone="warning">Awaiting a second officer</Badge>;
}

/** Custodian attestations and entered native supply: the figures typed in, with who did what. */
export async function ManualEntriesCard({ userId, mayEnter }: { userId: string; mayEnter: boolean }) {
  const db = await getReadDb();
  const [attestations, supply] = await Promise.all([listAttestations(db), listEnteredSupply(db)]);
  const chainLabel = (c: string) => ENTERED_CHAIN_LABELS[c as EnteredSupplyChain] ?? c;
  return (
    <Card
      id="reserves-manual"
      title="Attestations and entered supply"
      description="Typed in by compliance officers, audited. An attestation counts in the ratio only once another officer confirms it; entered supply covers native chains the product does not index."
    >
      <div className="space-y-4">
        <Table caption="Attestations" showCaption scrollRegion>
          <thead>
            <tr>
              <Th>As of</Th>
              <Th numeric>Reserves</Th>
              <Th>Custodian – report</Th>
              <Th>SHA-256</Th>
              <Th>Entered by</Th>
              <Th>Status</Th>
              {mayEnter ? <Th>Review</Th> : null}
            </tr>
          </thead>
          <tbody>
            {attestations.length === 0 ? (
              <tr>
                <Td colSpan={mayEnter ? 7 : 6}>No attestation entered.</Td>
              </tr>
            ) : (
              attestations.map((a) => (
                <tr key={a.id} data-testid="attestation-row">
                  <Th scope="row" className="whitespace-nowrap">
                    {a.asOf}
                  </Th>
                  <Td numeric>
                    <Usd1Amount wei={a.reservesWei.toString()} />
                  </Td>
                  <Td>
                    {a.custodian} – {a.reportName}
                  </Td>
                  <Td className="font-mono text-xs" title={a.reportSha256}>
                    {a.reportSha256.slice(0, 12)}…
                  </Td>
                  <Td className="whitespace-nowrap">
                    {a.enteredByEmail}, {formatDateTimeUtc(a.enteredAt)}
                  </Td>
                  <Td>
                    {status(a)} {a.confirmedByEmail ?? a.rejectedByEmail ?? ""}
                    {a.rejectReason ? `: ${a.rejectReason}` : ""}
                  </Td>
                  {mayEnter ? (
                    <Td>
                      {!a.confirmedAt && !a.rejectedAt && a.enteredBy !== userId ? (
                        <ReviewForm id={a.id} />
                      ) : null}
                    </Td>
                  ) : null}
                </tr>
              ))
            )}
          </tbody>
        </Table>
        <Table caption="Entered native supply" showCaption scrollRegion>
          <thead>
            <tr>
              <Th>Chain</Th>
              <Th>As of</Th>
              <Th numeric>Supply</Th>
              <Th>Source</Th>
              <Th>Entered by</Th>
            </tr>
          </thead>
          <tbody>
            {supply.length === 0 ? (
              <tr>
                <Td colSpan={5}>No supply entered: the ratio covers indexed chains only.</Td>
              </tr>
            ) : (
              supply.map((s) => (
                <tr key={s.id}>
                  <Th scope="row">{chainLabel(s.chain)}</Th>
                  <Td className="whitespace-nowrap">{s.asOf}</Td>
                  <Td numeric>
                    <Usd1Amount wei={s.supplyWei.toString()} />
                  </Td>
                  <Td>{s.source}</Td>
                  <Td className="whitespace-nowrap">
                    {s.enteredByEmail}, {formatDateTimeUtc(s.enteredAt)}
                  </Td>
                </tr>
              ))
            )}
          </tbody>
        </Table>
        {mayEnter ? (
          <div className="grid gap-6 lg:grid-cols-2">
            <section aria-labelledby="enter-attestation">
              <h3 id="enter-attestation" className="mb-2 text-sm font-semibold">
                Enter an attestation
              </h3>
              <AttestationForm />
            </section>
            <section aria-labelledby="enter-supply">
              <h3 id="enter-supply" className="mb-2 text-sm font-semibold">
                Enter native supply
              </h3>
              <SupplyForm
                chains={ENTERED_SUPPLY_CHAINS.map((c) => ({ value: c, label: ENTERED_CHAIN_LABELS[c] }))}
              />
            </section>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
