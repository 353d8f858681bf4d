// Why the rule fired: the plain-language explanation, the rule and its versions, the parameters
// in force when it fired (a snapshot: later settings changes do not rewrite old alerts), and the
// facts the explanation was built from.
import { Usd1Amount } from "@/components/ui/amount";
import { Card } from "@/components/ui/card";
import type { AlertCase } from "@/db/queries/alert-case";
import { formatCountry, formatDateTimeUtc, formatDuration, formatUsd1 } from "@/lib/format";
import { ALERT_CARDS, Fact, shortHex } from "./parts";
import { AlertRunningTotals } from "./running-totals";

/** Parameters keep wei as decimal strings and windows in seconds: shown as people read them. */
function paramValue(key: string, v: unknown): string {
  if (key.endsWith("Wei") && typeof v === "string" && /^\d+$/.test(v)) return formatUsd1(v);
  if (key.endsWith("Seconds") && typeof v === "number") return formatDuration(v * 1000);
  if (Array.isArray(v)) return v.length === 0 ? "none" : v.map(String).join(", ");
  if (v !== null && typeof v === "object") return JSON.stringify(v);
  return String(v);
}

function KeyValues({
  entries,
  caption,
  testId,
}: {
  entries: [string, string][];
  caption: string;
  testId: string;
}) {
  if (entries.length === 0)
    return <p className="text-sm text-slate-500">No {caption.toLowerCase()} recorded.</p>;
  return (
    <dl className="grid gap-y-1 text-sm" data-testid={testId}>
      {entries.map(([k, v]) => (
        <div key={k} className="flex min-w-0 gap-2">
          <dt className="w-44 shrink-0 truncate font-mono text-xs text-slate-500" title={k}>
            {k}
          </dt>
          <dd className="min-w-0 font-mono text-xs break-all text-slate-900">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function AlertCaseExplanation({ c }: { c: AlertCase }) {
  const a = c.alert;
  const corridor =
    a.corridorOrigin && a.corridorDestination
      ? `${formatCountry(a.corridorOrigin)} → ${formatCountry(a.corridorDestination)}`
      : "—";
  return (
    <Card {...ALERT_CARDS.explanation} description="As the rule recorded it when it fired.">
      <div className="space-y-4">
        <p className="text-sm text-slate-900" data-testid="alert-explanation">
          {a.explanation}
        </p>
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
          <Fact label="Rule" testId="alert-rule">
            {a.ruleId} · {a.ruleTitle}
          </Fact>
          <Fact label="Versions">
            settings v{a.ruleVersion}, logic v{a.logicVersion}
          </Fact>
          <Fact label="Chain">{a.chainName ?? `Chain ${a.chainId}`}</Fact>
          <Fact label="When (block time)">{formatDateTimeUtc(a.blockTime)}</Fact>
          <Fact label="Block">{a.blockNumber.toString()}</Fact>
          <Fact label="Trigger">
            <span className="font-mono text-xs" title={`${a.txHash} log ${a.logIndex}`}>
              {shortHex(a.txHash, 10, 8)} · log {a.logIndex}
            </span>
          </Fact>
          <Fact label="Amount">{a.amount === null ? "—" : <Usd1Amount wei={a.amount} />}</Fact>
          <Fact label="Corridor">{corridor}</Fact>
          <Fact label="Raised">{formatDateTimeUtc(a.createdAt)}</Fact>
        </dl>
        <AlertRunningTotals facts={a.facts} />
        <div>
          <h3 className="mb-1 text-xs font-semibold text-slate-700">Facts</h3>
          <KeyValues caption="Facts" testId="alert-facts" entries={Object.entries(a.facts)} />
        </div>
        <div>
          <h3 className="mb-1 text-xs font-semibold text-slate-700">Parameters when it fired</h3>
          <KeyValues
            caption="Parameters"
            testId="alert-params"
            entries={Object.entries(a.params).map(([k, v]) => [k, paramValue(k, v)])}
          />
        </div>
      </div>
    </Card>
  );
}
