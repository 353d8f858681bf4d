// Server side of the rule settings page: each parameter as plain, serialisable data for the
// client form (current value as the form shows it, saved and default values as text, wei as a
// string). Nothing here reaches the browser bundle but the data it returns.
import { isDeepStrictEqual } from "node:util";
import { KIND_LABELS, LICENCE_LABELS, TAG_LABELS } from "@/components/ui/registry-labels";
import type { RuleParamsJson } from "@/db/schema/monitoring";
import { formatInt } from "@/lib/format";
import type { RuleModule } from "@/lib/monitoring/rule";
import {
  fieldName,
  formValueOf,
  paramKeys,
  paramSpec,
  type FormValue,
  type ParamKind,
  type ParamSpec,
} from "@/lib/monitoring/settings-form";
import { weiToUsdText } from "@/lib/monitoring/settings-units";

export type Option = { value: string; label: string };

export type RuleFieldView = {
  key: string;
  /** Form field name (`p.<key>`); a choice's checkboxes are `p.<key>:<option>`. */
  name: string;
  kind: ParamKind;
  label: string;
  hint?: string;
  /** The saved value, as the control shows it. */
  value: FormValue;
  defaultText: string;
  /** usd only: exact wei of the saved and default values. */
  wei?: { saved: string; default: string };
  isDefault: boolean;
  options?: Option[];
};

const OPTION_LABELS: Record<string, string> = { ...LICENCE_LABELS, ...KIND_LABELS, ...TAG_LABELS };

/** "frozen_account_drained" → "Frozen account drained" where no registry label exists. */
function optionLabel(value: string): string {
  const known = OPTION_LABELS[value];
  if (known) return known;
  const words = value.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "10,000.5 USD1": exact (every decimal the value has), grouped for reading. */
export function usdText(wei: string): string {
  const [whole = "0", frac] = weiToUsdText(wei).split(".");
  return `${formatInt(whole)}${frac ? `.${frac}` : ""} USD1`;
}

/** A stored value in words, for the defaults column. */
export function valueText(spec: ParamSpec, value: unknown): string {
  const shown = formValueOf(spec, value);
  switch (spec.kind) {
    case "usd":
      return usdText(String(value));
    case "percent":
      return `${String(shown)}%`;
    case "boolean":
      return shown === true ? "Yes" : "No";
    case "choices":
    case "list": {
      const items = Array.isArray(value) ? value.map(String) : [];
      if (items.length === 0) return "none";
      return spec.kind === "choices" ? items.map(optionLabel).join(", ") : items.join(", ");
    }
    default:
      return String(shown);
  }
}

/** Ticked options are a set: their order is not a change. */
function sameValue(spec: ParamSpec, a: unknown, b: unknown): boolean {
  if (spec.kind !== "choices" || !Array.isArray(a) || !Array.isArray(b)) return isDeepStrictEqual(a, b);
  return isDeepStrictEqual([...a].map(String).sort(), [...b].map(String).sort());
}

/** A behavioural rule's business exemption in words, and the alerts it suppressed lately. */
export type RuleExemptionView = { kinds: string; tags: string; suppressed: number; suppressedText: string };

export function ruleExemptionView(saved: RuleParamsJson, suppressed: number): RuleExemptionView {
  return {
    kinds: valueText(paramSpec("exemptEntityKinds"), saved.exemptEntityKinds),
    tags: valueText(paramSpec("exemptTags"), saved.exemptTags),
    suppressed,
    suppressedText: `${formatInt(String(suppressed))} ${suppressed === 1 ? "alert" : "alerts"}`,
  };
}

export function ruleFieldViews(rule: RuleModule, saved: RuleParamsJson): RuleFieldView[] {
  return paramKeys(rule).map((key) => {
    const spec = paramSpec(key);
    const view: RuleFieldView = {
      key,
      name: fieldName(key),
      kind: spec.kind,
      label: spec.label,
      value: formValueOf(spec, saved[key]),
      defaultText: valueText(spec, rule.defaults[key]),
      isDefault: sameValue(spec, saved[key], rule.defaults[key]),
    };
    if (spec.hint) view.hint = spec.hint;
    if (spec.kind === "usd") view.wei = { saved: String(saved[key]), default: String(rule.defaults[key]) };
    if (spec.options) view.options = spec.options.map((value) => ({ value, label: optionLabel(value) }));
    return view;
  });
}
