import type { Address } from "viem";
import { TimeSeriesChartCard } from "@/components/charts/chart-card";
import { getReadDb } from "@/db";
import { getAddressBalanceHistory } from "@/db/queries/addresses";
import { fillBalanceDays } from "@/lib/addresses/balance-series";
import { ADDRESS_CARDS } from "./cards";

/** End-of-day balance from the address's own transfers (every indexed block). */
export async function AddressBalanceCard({
  address,
  chainId,
  pkrPerUsd,
}: {
  address: Address;
  chainId?: number | undefined;
  pkrPerUsd?: string | undefined;
}) {
  const history = await getAddressBalanceHistory(await getReadDb(), { address, chainId });
  return (
    <TimeSeriesChartCard
      {...ADDRESS_CARDS.balance}
      description="End of each UTC day, summed over the chains shown; quiet days carry the previous balance."
      kind="area"
      data={fillBalanceDays(history)}
      series={[{ key: "balance", label: "Balance" }]}
      valueKind="usd1"
      xLabel="Day (UTC)"
      pkrPerUsd={pkrPerUsd}
      empty={history.length === 0 ? "This address has no transfers on the chains shown." : undefined}
    />
  );
}
