import type { ReactNode } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { RuleSetting } from "@/db/queries/monitoring";
import type { Severity } from "@/db/schema/monitoring";
import { formatDateTimeUtc } from "@/lib/format";
import type { RuleModule } from "@/lib/monitoring/rule";
import { RuleSettingsForm } from "./rule-settings-form";
import { ruleFieldViews, type RuleExemptionView } from "./rule-settings-view";

const SEVERITY_TONES: Record<Severity, BadgeTone> = {
  severe: "danger",
  high: "danger",
  medium: "warning",
  low: "neutral",
};

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}

/** One rule: what it flags, its settings version and history, its parameters (editable). */
export function RuleSettingsCard({
  rule,
  setting,
  editor,
  exemption,
}: {
  rule: RuleModule;
  setting: RuleSetting;
  /** Email of whoever saved the current version (null: never changed, or an unknown user). */
  editor: string | null;
  /** R2–R7, R12: who the rule leaves alone and what that suppressed lately. */
  exemption?: RuleExemptionView;
}) {
  const changed = setting.updatedBy !== null;
  return (
    <Card id={`rule-${rule.id}`} title={`${rule.id} ${rule.title}`} description={rule.summary}>
      <dl className="mb-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-5">
        <Fact label="Severity">
          <Badge tone={SEVERITY_TONES[rule.severity]}>{rule.severity}</Badge>
        </Fact>
        <Fact label="Status">
          {setting.enabled ? (
            <Badge tone="success" data-testid={`rule-status-${rule.id}`}>
              Enabled
            </Badge>
          ) : (
            <Badge tone="neutral" data-testid={`rule-status-${rule.id}`}>
              Disabled
            </Badge>
          )}
        </Fact>
        <Fact label="Settings version">
          <span data-testid={`rule-version-${rule.id}`} className="tabular-nums">
            v{setting.version}
          </span>
        </Fact>
        <Fact label="Logic version">v{rule.logicVersion}</Fact>
        <Fact label="Last changed">
          {changed ? (
            <span data-testid={`rule-changed-${rule.id}`}>
              {editor ?? setting.updatedBy} · {formatDateTimeUtc(setting.updatedAt)}
            </span>
          ) : (
            <span className="text-slate-500">never (defaults)</span>
          )}
        </Fact>
      </dl>
      {exemption && (
        <div
          className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-slate-800"
          data-testid={`rule-exemption-${rule.id}`}
        >
          <p>
            <span className="font-medium">Business exemption:</span> wallets of{" "}
            <span data-testid={`rule-exempt-kinds-${rule.id}`}>{exemption.kinds}</span>, and addresses tagged{" "}
            <span data-testid={`rule-exempt-tags-${rule.id}`}>{exemption.tags}</span>, are not alerted on.
          </p>
          <p className="mt-1">
            It suppressed{" "}
            <span className="font-medium tabular-nums" data-testid={`rule-suppressed-${rule.id}`}>
              {exemption.suppressedText}
            </span>{" "}
            in the last 30 days (hits the rule would have raised on exempt wallets, every chain). Change who
            is exempt with the entity kinds and tags below: the change is a new, audited settings version like
            any other.
          </p>
        </div>
      )}
      <details className="mb-4 text-sm">
        <summary className="cursor-pointer text-slate-700">
          Explanation templates (what an alert says)
        </summary>
        <dl className="mt-2 space-y-2">
          {Object.entries(rule.explanations).map(([variant, template]) => (
            <div key={variant}>
              <dt className="font-mono text-xs text-slate-500">{variant}</dt>
              <dd className="text-slate-800">{template}</dd>
            </div>
          ))}
        </dl>
      </details>
      <RuleSettingsForm
        ruleId={rule.id}
        title={rule.title}
        enabled={setting.enabled}
        // A parameter added to the code after the row was saved shows its default (as activeRules runs it).
        fields={ruleFieldViews(rule, { ...rule.defaults, ...setting.params })}
      />
    </Card>
  );
}
