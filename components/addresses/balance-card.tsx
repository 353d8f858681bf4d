import type { Address } from "viem";
import { ChartCard } from "@/components/charts/chart-card";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { Usd1Amount } from "@/components/ui/amount";
import { Table, Td, Th } from "@/components/ui/table";
import { getReadDb } from "@/db";
import { getAddressBalanceHistory } from "@/db/queries/address-history";
import { balanceChartPoints } from "@/lib/addresses/balance-series";
import { formatInt } from "@/lib/format";
import { ADDRESS_CARDS } from "./cards";
import type { HistoryWindow } from "./history-window";

/** Rows of the day table: the page stays small whatever the window (the chart has every day). */
export const BALANCE_TABLE_DAYS = 30;

/** End-of-day balance over the window, walked back from the exact current balance. */
export async function AddressBalanceCard({
  address,
  chainId,
  window: w,
  now,
}: {
  address: Address;
  chainId?: number | undefined;
  window: HistoryWindow;
  now: Date;
}) {
  const history = await getAddressBalanceHistory(await getReadDb(), { address, chainId, ...w });
  const toDay = (w.until ? new Date(w.until.getTime() - 1) : now).toISOString().slice(0, 10);
  const fromDay = w.since?.toISOString().slice(0, 10);
  const { step, points: data } = balanceChartPoints(history, { fromDay, toDay });
  const shown = history.points.slice(-BALANCE_TABLE_DAYS).reverse();
  const series = [{ key: "balance", label: "Balance" }];
  return (
    <ChartCard
      {...ADDRESS_CARDS.balance}
      description={
        <>
          {step === "day" ? "End of each UTC day" : "End of every 7th UTC day (counted back from the last)"}{" "}
          over {w.label}, summed over the chains shown; quiet days carry the previous balance. Before the
          window: <Usd1Amount wei={history.opening} testId="address-opening" />; at its end:{" "}
          <Usd1Amount wei={history.closing} testId="address-closing" />.
        </>
      }
      empty={data.length === 0 ? "This address has no transfers on the chains shown." : undefined}
      tableLabel={`Show the days with transfers (${formatInt(history.points.length)})`}
      chart={
        <TimeSeriesChart
          data={data}
          series={series}
          kind="area"
          valueKind="usd1"
          ariaLabel={`${ADDRESS_CARDS.balance.title}: chart; the days with transfers are in the table below.`}
        />
      }
      table={
        history.points.length === 0 ? (
          <p className="text-sm text-slate-600">No transfer in this window: the balance held throughout.</p>
        ) : (
          <>
            <Table caption="Days with transfers in the window, newest first" scrollRegion>
              <thead>
                <tr>
                  <Th>Day (UTC)</Th>
                  <Th numeric>Received</Th>
                  <Th numeric>Sent</Th>
                  <Th numeric>Balance at end of day</Th>
                </tr>
              </thead>
              <tbody>
                {shown.map((p) => (
                  <tr key={p.day} data-testid="address-balance-day">
                    <Th scope="row" className="whitespace-nowrap tabular-nums">
                      {p.day}
                    </Th>
                    <Td numeric>
                      <Usd1Amount wei={p.received} />
                    </Td>
                    <Td numeric>
                      <Usd1Amount wei={p.sent} />
                    </Td>
                    <Td numeric>
                      <Usd1Amount wei={p.balance} />
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            {history.points.length > shown.length ? (
              <p className="mt-2 text-xs text-slate-600">
                The latest {formatInt(shown.length)} of {formatInt(history.points.length)} days with
                transfers; the chart above has every day, the transfers themselves are in All transfers of
                this address.
              </p>
            ) : null}
          </>
        )
      }
    />
  );
}
