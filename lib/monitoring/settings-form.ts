// The rule settings form: which control each rule parameter gets, the text a stored value shows
// as, and the flat form fields back into the JSON a rule stores (checked by the rule's own
// schema). Field names: `p.<param>`; a multiple-choice parameter has one checkbox per option,
// `p.<param>:<option>` (FormData keeps only one value per name on its way into an action).
import type { z } from "zod";
import { TOKEN_EVENT_KINDS } from "@/db/schema/chain";
import type { RuleParamsJson } from "@/db/schema/monitoring";
import { ADDRESS_TAGS, ENTITY_KINDS, LICENCE_STATUSES } from "@/db/schema/registry";
import type { RuleModule } from "./rule";
import {
  formatBpsInput,
  formatDurationInput,
  parseDuration,
  parseList,
  parseNumber,
  parsePercentToBps,
  parseUsdToWei,
  weiToUsdText,
  type Parsed,
} from "./settings-units";

export type ParamKind = "usd" | "duration" | "percent" | "number" | "boolean" | "choices" | "list";

export type ParamSpec = {
  kind: ParamKind;
  label: string;
  hint?: string;
  /** choices: the allowed values. */
  options?: readonly string[];
  /** list: how items are normalised before the rule's schema sees them. */
  normalize?: "upper" | "lower";
};

const WINDOW: ParamSpec = { kind: "duration", label: "Window" };
const EXEMPT_KINDS: ParamSpec = {
  kind: "choices",
  label: "Exempt entity kinds",
  hint: "Wallets attributed to entities of these kinds are not watched.",
  options: ENTITY_KINDS,
};
const EXEMPT_TAGS: ParamSpec = {
  kind: "choices",
  label: "Exempt address tags",
  hint: "Addresses with these registry tags are not watched.",
  options: ADDRESS_TAGS,
};

/** Every parameter of every rule (a unit test fails on a parameter missing here). */
const PARAM_SPECS: Record<string, ParamSpec> = {
  lists: {
    kind: "list",
    label: "Lists that count",
    hint: 'List names, one per line ("registry" = addresses tagged sanctioned or high risk); empty = every list.',
  },
  oneHop: { kind: "boolean", label: "Also flag addresses one hop from a listed address" },
  oneHopEpisodeSeconds: {
    kind: "duration",
    label: "One-hop episode",
    hint: "No second one-hop alert for the same exposed address within this time.",
  },
  oneHopExpirySeconds: {
    kind: "duration",
    label: "One-hop exposure lapses after",
    hint: "Counted from the address's latest transfer with a listed address.",
  },
  thresholdWei: { kind: "usd", label: "Reporting threshold T (USD1)" },
  lowerBandBps: { kind: "percent", label: "Lower edge of the band (% of T)" },
  minCount: { kind: "number", label: "Minimum number of transfers" },
  windowSeconds: WINDOW,
  exemptEntityKinds: EXEMPT_KINDS,
  exemptTags: EXEMPT_TAGS,
  forwardBps: { kind: "percent", label: "Share sent on (%)" },
  minInboundWei: { kind: "usd", label: "Minimum inbound amount (USD1)", hint: "0 = every inbound." },
  dustFloorWei: {
    kind: "usd",
    label: "Dust floor (USD1)",
    hint: "Amounts below this are dust (address poisoning): not counted as a flow. 0 = none.",
  },
  minSenders: { kind: "number", label: "Minimum distinct senders" },
  moveOutBps: { kind: "percent", label: "Share moved out (%)" },
  minEntities: { kind: "number", label: "Minimum distinct entities paid" },
  minCountries: { kind: "number", label: "Minimum distinct countries paid" },
  singleWei: { kind: "usd", label: "Single transfer threshold (USD1)" },
  cumulativeWei: { kind: "usd", label: "Cumulative threshold per sender (USD1)" },
  exemptCounterpartyTags: {
    kind: "choices",
    label: "Exempt recipient tags",
    hint: "Payments to addresses with these tags (issuance, redemption, bridging) are plumbing.",
    options: ADDRESS_TAGS,
  },
  skipIntraEntity: { kind: "boolean", label: "Skip moves between wallets of one entity" },
  minAmountWei: { kind: "usd", label: "Minimum first flow (USD1)" },
  dormantSeconds: { kind: "duration", label: "Idle time that makes a wallet dormant" },
  countries: {
    kind: "list",
    label: "High-risk countries",
    hint: "ISO 3166-1 alpha-2 codes, one per line or comma-separated.",
    normalize: "upper",
  },
  flaggedStatuses: { kind: "choices", label: "Licence statuses flagged", options: LICENCE_STATUSES },
  eventKinds: { kind: "choices", label: "Issuer/admin events flagged", options: TOKEN_EVENT_KINDS },
  frozenTouch: { kind: "boolean", label: "Flag transfers touching a frozen account" },
  issuerAddresses: {
    kind: "list",
    label: "Issuer addresses (besides treasury-tagged ones)",
    hint: "0x addresses, one per line.",
    normalize: "lower",
  },
  spikeMultiple: { kind: "number", label: "Spike: multiple of the median recent mint" },
  lookbackSeconds: { kind: "duration", label: "Lookback for the median" },
  minPriorMints: { kind: "number", label: "Minimum prior mints for a pattern" },
  roundUnitWei: { kind: "usd", label: "Round unit (USD1)", hint: "0 = any identical amount." },
  minRatioBps: {
    kind: "percent",
    label: "Collateral ratio below (%)",
    hint: "Reserves ÷ native supply at a report.",
  },
  staleSeconds: { kind: "duration", label: "Feed stale after" },
  dropBps: { kind: "percent", label: "Reserves fall more than (%)" },
  dropWindowSeconds: { kind: "duration", label: "…within" },
  depegBps: {
    kind: "percent",
    label: "Off the peg by at least (%)",
    hint: "0.5 = 50 basis points, on the 5-minute TWAP.",
  },
  depegMinSeconds: { kind: "duration", label: "…for at least", hint: "Whole 5-minute buckets." },
  severeBps: {
    kind: "percent",
    label: "Severe when off the peg by at least (%)",
    hint: "In any 5-minute bucket.",
  },
  liquidityDropBps: { kind: "percent", label: "Pool liquidity falls more than (%)" },
  liquidityWindowSeconds: { kind: "duration", label: "…within" },
};

export function paramSpec(key: string): ParamSpec {
  const spec = PARAM_SPECS[key];
  if (!spec) throw new Error(`rule parameter "${key}" has no settings form field`);
  return spec;
}

/** The rule's parameters in the order its defaults list them. */
export function paramKeys(rule: RuleModule): string[] {
  return Object.keys(rule.defaults);
}

export const fieldName = (key: string) => `p.${key}`;
export const choiceFieldName = (key: string, option: string) => `p.${key}:${option}`;

/** What a control shows: text, a checkbox, or the ticked options. */
export type FormValue = string | boolean | string[];

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** A stored (JSON) value as the form shows it. */
export function formValueOf(spec: ParamSpec, value: unknown): FormValue {
  switch (spec.kind) {
    case "usd":
      return weiToUsdText(String(value));
    case "duration":
      return formatDurationInput(Number(value));
    case "percent":
      return formatBpsInput(Number(value));
    case "number":
      return String(value);
    case "boolean":
      return value === true;
    case "choices":
      return strings(value);
    case "list":
      return strings(value).join("\n");
  }
}

const isOn = (v: unknown) => v === "on" || v === "true";
const textOf = (v: unknown) => (typeof v === "string" ? v : "");

function fieldValue(key: string, spec: ParamSpec, form: Record<string, unknown>): Parsed<unknown> {
  const text = textOf(form[fieldName(key)]);
  const asJson = <T>(r: Parsed<T>, f: (v: T) => unknown): Parsed<unknown> =>
    r.ok ? { ok: true, value: f(r.value) } : r;
  switch (spec.kind) {
    case "usd":
      return asJson(parseUsdToWei(text), (wei) => wei.toString());
    case "duration":
      return parseDuration(text);
    case "percent":
      return parsePercentToBps(text);
    case "number":
      return parseNumber(text);
    case "boolean":
      return { ok: true, value: isOn(form[fieldName(key)]) };
    case "choices":
      return { ok: true, value: (spec.options ?? []).filter((o) => isOn(form[choiceFieldName(key, o)])) };
    case "list": {
      const items = parseList(text);
      const norm = spec.normalize;
      return {
        ok: true,
        value: items.map((x) =>
          norm === "upper" ? x.toUpperCase() : norm === "lower" ? x.toLowerCase() : x,
        ),
      };
    }
  }
}

/** Plain words for the rule schemas' refusals (their defaults speak of "numbers >=1"). */
function friendlyMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === "too_small") {
    return issue.origin === "array"
      ? `Choose at least ${issue.minimum}.`
      : `Must be at least ${issue.minimum}.`;
  }
  if (issue.code === "too_big") {
    return issue.origin === "array"
      ? `At most ${issue.maximum} entries.`
      : `Must be at most ${issue.maximum}.`;
  }
  if (issue.code === "invalid_type" && issue.expected === "int") return "Enter a whole number.";
  return undefined;
}

export type FormParseResult =
  { ok: true; params: RuleParamsJson } | { ok: false; errors: Record<string, string> };

/** Form fields → the rule's JSON parameters, or one message per field that is wrong. */
export function paramsFromForm(rule: RuleModule, form: Record<string, unknown>): FormParseResult {
  const params: RuleParamsJson = {};
  const errors: Record<string, string> = {};
  for (const key of paramKeys(rule)) {
    const r = fieldValue(key, paramSpec(key), form);
    if (r.ok) params[key] = r.value;
    else errors[fieldName(key)] = r.error;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const checked = rule.paramsSchema.safeParse(params, { error: friendlyMessage });
  if (checked.success) return { ok: true, params };
  for (const issue of checked.error.issues) {
    const [key, index] = issue.path;
    const name = fieldName(String(key ?? ""));
    // A list item's problem names the item: "PKR: ISO 3166-1 alpha-2, upper case".
    const item = typeof index === "number" ? strings(params[String(key)])[index] : undefined;
    errors[name] ??= item === undefined ? issue.message : `${item}: ${issue.message}`;
  }
  return { ok: false, errors };
}

/**
 * Ticked options in the order the stored value has them (new ones after), so saving an untouched
 * form leaves the JSON identical and no version is bumped for nothing.
 */
export function alignChoiceOrder(
  rule: RuleModule,
  next: RuleParamsJson,
  current: RuleParamsJson,
): RuleParamsJson {
  const out: RuleParamsJson = { ...next };
  for (const key of paramKeys(rule)) {
    if (paramSpec(key).kind !== "choices") continue;
    const picked = strings(next[key]);
    const before = strings(current[key]);
    out[key] = [...before.filter((x) => picked.includes(x)), ...picked.filter((x) => !before.includes(x))];
  }
  return out;
}
