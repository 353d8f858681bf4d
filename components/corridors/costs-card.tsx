import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { CORRIDOR_COSTS } from "@/lib/config/corridor-costs";
import { formatCountry } from "@/lib/format";
import { CORRIDOR_CARDS } from "./cards";

/** The cost figures behind the estimate, with their sources; assumptions say so. */
export function CorridorsCostsCard() {
  const c = CORRIDOR_COSTS;
  return (
    <Card
      {...CORRIDOR_CARDS.costs}
      description={`Fees saved = adjusted volume × (traditional cost − on-chain cost of ${c.onChainCostPct}%). ${c.onChainBasis}. SDG 10.c target: ${c.sdgTargetPct}%. Configured in lib/config/corridor-costs.ts. Unattributed and domestic flows get no estimate.`}
    >
      <Table caption="Traditional cost of sending USD 200, by corridor">
        <thead>
          <tr>
            <Th>Corridor</Th>
            <Th numeric>Cost</Th>
            <Th>Source</Th>
          </tr>
        </thead>
        <tbody>
          {c.rules.map((r) => (
            <tr key={`${r.origin}-${r.destination}`}>
              <Th scope="row">
                {r.origin === "*" ? "Any other origin" : formatCountry(r.origin)} →{" "}
                {formatCountry(r.destination)}
              </Th>
              <Td numeric>{r.costPct}%</Td>
              <Td>
                {r.basis}{" "}
                {r.assumption ? (
                  <Badge tone="warning" title="Our choice, not a published figure">
                    assumption
                  </Badge>
                ) : null}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}
