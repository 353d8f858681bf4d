// The subject's daily received and sent around the alert (±14 UTC days on the alert's chain):
// a bar chart with the alert's day marked, and the same numbers, with counts, as a table.
import { ChartCard } from "@/components/charts/chart-card";
import { Usd1Amount } from "@/components/ui/amount";
import { Table, Td, Th } from "@/components/ui/table";
import type { AlertCase } from "@/db/queries/alert-case";
import { ACTIVITY_DAYS, alertWindow } from "@/db/queries/alert-case-activity";
import { formatInt } from "@/lib/format";
import { AlertActivityChart } from "./activity-chart";
import { ALERT_CARDS } from "./parts";

export function AlertCaseActivity({ c }: { c: AlertCase }) {
  const w = alertWindow(c.alert.blockTime);
  const quiet = c.activity.every((d) => d.inCount === 0 && d.outCount === 0);
  return (
    <ChartCard
      {...ALERT_CARDS.activity}
      description={`The subject's transfers per UTC day, ${ACTIVITY_DAYS} days either side of the alert (${w.firstDay} to ${w.lastDay}).`}
      empty={
        c.alert.subject === null
          ? "This alert has no subject address (a contract event)."
          : quiet
            ? "The subject has no transfers in this window."
            : undefined
      }
      chart={
        <AlertActivityChart
          alertDay={w.alertDay}
          ariaLabel={`${ALERT_CARDS.activity.title}: chart; the numbers are in the table below.`}
          data={c.activity.map((d) => ({
            day: d.day,
            inAmount: d.inAmount.toString(),
            outAmount: d.outAmount.toString(),
            inCount: d.inCount,
            outCount: d.outCount,
          }))}
        />
      }
      table={
        <Table caption={ALERT_CARDS.activity.title}>
          <thead>
            <tr>
              <Th>Day (UTC)</Th>
              <Th numeric>Received</Th>
              <Th numeric>In</Th>
              <Th numeric>Sent</Th>
              <Th numeric>Out</Th>
            </tr>
          </thead>
          <tbody>
            {c.activity
              .filter((d) => d.inCount + d.outCount > 0 || d.day === w.alertDay)
              .map((d) => (
                <tr key={d.day} data-testid="alert-activity-day" data-day={d.day}>
                  <Th scope="row" className="whitespace-nowrap tabular-nums">
                    {d.day}
                    {d.day === w.alertDay ? <span className="ml-1 text-xs text-red-800">(alert)</span> : null}
                  </Th>
                  <Td numeric>
                    <Usd1Amount wei={d.inAmount} />
                  </Td>
                  <Td numeric>{formatInt(d.inCount)}</Td>
                  <Td numeric>
                    <Usd1Amount wei={d.outAmount} />
                  </Td>
                  <Td numeric>{formatInt(d.outCount)}</Td>
                </tr>
              ))}
          </tbody>
        </Table>
      }
      tableLabel="Show the numbers (days with transfers)"
    />
  );
}
