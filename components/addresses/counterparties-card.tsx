import type { Address } from "viem";
import { CounterpartiesTable } from "@/components/tables/counterparties/counterparties-table";
import { Card } from "@/components/ui/card";
import { getReadDb } from "@/db";
import { getAddressCounterparties } from "@/db/queries/address-history";
import { formatCountry } from "@/lib/format";
import type { parseCounterpartyTableParams } from "@/lib/validators/address";
import { ADDRESS_CARDS } from "./cards";
import type { HistoryWindow } from "./history-window";

type TableValue = Extract<ReturnType<typeof parseCounterpartyTableParams>, { ok: true }>["value"];

/** Whom the address dealt with in the window, per counterparty, with the registry's entity names. */
export async function AddressCounterpartiesCard({
  address,
  chainId,
  window: w,
  table,
}: {
  address: Address;
  chainId?: number | undefined;
  window: HistoryWindow;
  table: TableValue;
}) {
  const sort = table.sort ?? { id: "volume", desc: true };
  const { rows, total } = await getAddressCounterparties(await getReadDb(), {
    address,
    chainId,
    ...w,
    sort: sort.id,
    dir: sort.desc ? "desc" : "asc",
    limit: table.size,
    offset: table.offset,
  });
  return (
    <Card
      {...ADDRESS_CARDS.counterparties}
      description={`Transfers in both directions over ${w.label}; mints and burns appear as the zero address.`}
    >
      <CounterpartiesTable
        total={total}
        rows={rows.map((r) => ({
          address: r.address,
          entityName: r.entityName,
          countryName: r.country ? formatCountry(r.country) : null,
          label: r.label,
          sentTo: r.sentTo.toString(),
          receivedFrom: r.receivedFrom.toString(),
          transferCount: r.transferCount,
        }))}
      />
    </Card>
  );
}
