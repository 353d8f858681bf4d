import Link from "next/link";
import { Card } from "@/components/ui/card";
import { REPORTS_CARDS } from "./cards";

const SOURCES = [
  {
    href: "/transactions",
    view: "Transactions",
    what: "Every transfer matching the view's filter (CSV or XLSX), amounts in wei and in USD1.",
  },
  { href: "/alerts", view: "Alerts", what: "The alerts matching the view's filter (CSV or XLSX)." },
  {
    href: "/corridors",
    view: "Corridors",
    what: "The corridor matrix for the chain and date range (CSV or XLSX), on the matrix card.",
  },
  {
    href: "/supply",
    view: "Supply",
    what: "The daily supply series for the chain and date range (CSV or XLSX), on the supply history card.",
  },
  {
    href: "/alerts",
    view: "An escalated or reported case",
    what: "The goAML XML of the case (one transaction per evidence transfer), from the case page.",
  },
] as const;

/** Where each export lives: on the view whose filter it reproduces. */
export function ReportsSources({ goamlSettings }: { goamlSettings: boolean }) {
  return (
    <Card
      {...REPORTS_CARDS.sources}
      description="Table exports take the filter of the view they are on, so a file holds exactly the rows its screen shows."
    >
      <ul className="space-y-1.5 text-sm">
        {SOURCES.map((s) => (
          <li key={s.view}>
            <Link href={s.href} className="font-medium text-sky-800 underline">
              {s.view}
            </Link>
            <span className="text-slate-600"> — {s.what}</span>
          </li>
        ))}
      </ul>
      {goamlSettings ? (
        <p className="mt-3 text-sm text-slate-700">
          The reporting entity&apos;s identifiers and the goAML code lists are kept in the{" "}
          <Link href="/reports/goaml-settings" className="font-medium text-sky-800 underline">
            goAML settings
          </Link>
          .
        </p>
      ) : null}
    </Card>
  );
}
