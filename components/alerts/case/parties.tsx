// The addresses the alert names, with who the registry says they are on the alert's chain and
// any hit on an imported sanctions or high-risk list.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LICENCE_LABELS, LICENCE_TONES } from "@/components/ui/registry-labels";
import { Table, Td, Th } from "@/components/ui/table";
import type { AlertCase } from "@/db/queries/alert-case";
import { formatCountry } from "@/lib/format";
import { ALERT_CARDS, partyName, shortHex } from "./parts";

export function AlertCaseParties({ c }: { c: AlertCase }) {
  return (
    <Card
      {...ALERT_CARDS.parties}
      description="Attribution as the registry holds it now, on the alert's chain."
    >
      {c.parties.length === 0 ? (
        <EmptyState title="No parties">This alert is about a contract event, not an address.</EmptyState>
      ) : (
        <Table caption="Parties of this alert">
          <thead>
            <tr>
              <Th>Address</Th>
              <Th>Entity</Th>
              <Th>Licence</Th>
              <Th>Tags</Th>
              <Th>Lists</Th>
            </tr>
          </thead>
          <tbody>
            {c.parties.map((p) => (
              <tr key={p.address} data-testid="alert-party" data-address={p.address}>
                <Th scope="row">
                  <Link
                    href={`/addresses/${p.address}?chain=${c.alert.chainId}`}
                    className="font-mono text-xs text-sky-800 hover:underline"
                    title={p.address}
                  >
                    {shortHex(p.address)}
                  </Link>
                  {p.isSubject ? (
                    <span className="block text-xs font-normal text-slate-500">subject</span>
                  ) : null}
                </Th>
                <Td>
                  {p.entityName ? (
                    <>
                      {p.entityId !== null ? (
                        <Link href={`/registry/${p.entityId}`} className="text-sky-800 hover:underline">
                          {p.entityName}
                        </Link>
                      ) : (
                        p.entityName
                      )}
                      <span className="block text-xs text-slate-600">
                        {p.country ? formatCountry(p.country) : ""}
                        {p.label ? ` · ${p.label}` : ""}
                      </span>
                    </>
                  ) : (
                    <span className="text-slate-600">{p.label ? partyName(p) : "Unattributed"}</span>
                  )}
                </Td>
                <Td>
                  {p.licenceStatus ? (
                    <Badge tone={LICENCE_TONES[p.licenceStatus]}>{LICENCE_LABELS[p.licenceStatus]}</Badge>
                  ) : (
                    "—"
                  )}
                </Td>
                <Td className="text-xs">{p.tags.length > 0 ? p.tags.join(", ") : "—"}</Td>
                <Td>
                  {p.watchlist.length === 0 ? (
                    <span className="text-slate-500">none</span>
                  ) : (
                    <ul className="space-y-0.5" data-testid="alert-party-lists">
                      {p.watchlist.map((w) => (
                        <li key={w.list}>
                          <Badge tone="danger">{w.list}</Badge>
                          {w.reference ? (
                            <span className="ml-1 text-xs text-slate-600">{w.reference}</span>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
