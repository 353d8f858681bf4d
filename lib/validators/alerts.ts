// URL state of the alerts view (and of its CSV/XLSX export, which reads the same keys): chain and
// dates through the shared view params, page/size/sort/q through the shared table params, and
// the view's own filters. Also the bulk-assign action's input. Nothing here reaches SQL as text.
import type { Address } from "viem";
import { z } from "zod";
import {
  ALERT_SORTS,
  LIVE_ALERT_STATUSES,
  type AlertFilter,
  type ListAlertsParams,
} from "@/db/queries/alerts-list";
import { ALERT_STATUSES, RULE_IDS, SEVERITIES, type AlertStatus } from "@/db/schema/monitoring";
import { countryParamSchema } from "./corridors";
import { parseUsd1Amount, usd1AmountParam } from "./transactions";
import {
  collectIssues,
  parseTableParams,
  parseViewParams,
  type ChainRefLike,
  type FilterValuesOf,
  type ParamIssue,
  type Parsed,
  type SearchParams,
  type TableParams,
  type ViewParams,
} from "./view-params";

/** `status=`: absent = "live" (the case queue), "all" = every status, or one status. */
export const ALERT_STATUS_PARAMS = ["live", "all", ...ALERT_STATUSES] as const;
export type AlertStatusParam = (typeof ALERT_STATUS_PARAMS)[number];

/** `assignee=`: "me", "unassigned" or a user id (better-auth ids: URL-safe base64). */
const USER_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** Column filters in the URL (`?rule=R1&severity=severe&status=all&assignee=me…`). */
export const alertFilterSchemas = {
  rule: z
    .string()
    .trim()
    .toUpperCase()
    .pipe(z.enum(RULE_IDS, { error: `rule must be one of ${RULE_IDS.join(", ")}` })),
  severity: z.enum(SEVERITIES, { error: `severity must be one of ${SEVERITIES.join(", ")}` }),
  status: z.enum(ALERT_STATUS_PARAMS, { error: `status must be one of ${ALERT_STATUS_PARAMS.join(", ")}` }),
  assignee: z.string().trim().regex(USER_ID_RE, 'assignee must be "me", "unassigned" or a user id'),
  origin: countryParamSchema("origin"),
  destination: countryParamSchema("destination"),
  entity: z.string().regex(/^\d{1,9}$/, "entity must be an entity id (a number)"),
  min: usd1AmountParam("min"),
  max: usd1AmountParam("max"),
} satisfies Record<string, z.ZodType<string | undefined, string>>;

export type AlertSortId = (typeof ALERT_SORTS)[number];
export const ALERT_DEFAULT_SORT = { id: "time" as AlertSortId, desc: true };

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;

export type AlertQuery = {
  view: ViewParams;
  table: TableParams<AlertSortId, FilterValuesOf<typeof alertFilterSchemas>>;
  status: AlertStatusParam;
  filter: AlertFilter;
};

export type ParseAlertParamsOptions = {
  chains: readonly ChainRefLike[];
  /** Known entity ids (an unknown one is an error, not an empty page). */
  entityIds: ReadonlySet<number>;
  /** Users the assignee filter may name (listAssigneeOptions). */
  userIds: ReadonlySet<string>;
  /** The signed-in user: what `assignee=me` means. */
  me: string;
  now: Date;
};

/** The whole URL of the view: typed filter and paging, or every problem found. */
export function parseAlertParams(sp: SearchParams, opts: ParseAlertParamsOptions): Parsed<AlertQuery> {
  const view = parseViewParams(sp, { chains: opts.chains, now: opts.now, defaultRange: "all" });
  const table = parseTableParams(sp, {
    sortable: ALERT_SORTS,
    defaultSort: ALERT_DEFAULT_SORT,
    filters: alertFilterSchemas,
  });
  if (!view.ok || !table.ok) return { ok: false, errors: collectIssues(view, table) };
  const errors: ParamIssue[] = [];
  const filter = toFilter(view.value, table.value, opts, errors);
  if (errors.length > 0) return { ok: false, errors };
  const status = table.value.filters.status ?? "live";
  return { ok: true, value: { view: view.value, table: table.value, status, filter } };
}

export function statusesOf(status: AlertStatusParam): readonly AlertStatus[] | undefined {
  if (status === "all") return undefined;
  return status === "live" ? LIVE_ALERT_STATUSES : [status];
}

function assigneeOf(raw: string | undefined, opts: ParseAlertParamsOptions, errors: ParamIssue[]) {
  if (raw === undefined) return undefined;
  if (raw === "unassigned") return null;
  if (raw === "me") return opts.me;
  if (!opts.userIds.has(raw)) errors.push({ param: "assignee", message: `Unknown assignee ${raw}.` });
  return raw;
}

function toFilter(
  view: ViewParams,
  table: AlertQuery["table"],
  opts: ParseAlertParamsOptions,
  errors: ParamIssue[],
): AlertFilter {
  const f = table.filters;
  const q = table.q;
  if (q !== undefined && !ADDRESS_RE.test(q)) {
    errors.push({ param: "q", message: "Search for an address (0x + 40 hex digits)." });
  }
  const minAmount = f.min === undefined ? undefined : parseUsd1Amount(f.min);
  const maxAmount = f.max === undefined ? undefined : parseUsd1Amount(f.max);
  if (minAmount !== undefined && maxAmount !== undefined && minAmount > maxAmount) {
    errors.push({
      param: "min",
      message: `The amount range is reversed: min ${f.min} is above max ${f.max}.`,
    });
  }
  const entityId = f.entity === undefined ? undefined : Number(f.entity);
  if (entityId !== undefined && !opts.entityIds.has(entityId)) {
    errors.push({ param: "entity", message: `Unknown entity ${entityId}.` });
  }
  return {
    chainId: view.chainId,
    ruleId: f.rule,
    severity: f.severity,
    statuses: statusesOf(f.status ?? "live"),
    assignee: assigneeOf(f.assignee, opts, errors),
    origin: f.origin,
    destination: f.destination,
    entityId,
    address: q && ADDRESS_RE.test(q) ? (q.toLowerCase() as Address) : undefined,
    since: view.range.since ?? undefined,
    // "All time" has no upper bound: a chain whose clock runs ahead of ours must still show.
    until: view.range.preset === "all" ? undefined : view.range.until,
    minAmount,
    maxAmount,
  };
}

/** Query parameters of the list call for one page. */
export function listAlertParamsOf(q: AlertQuery): ListAlertsParams {
  const sort = q.table.sort ?? ALERT_DEFAULT_SORT;
  return {
    ...q.filter,
    sort: sort.id,
    dir: sort.desc ? "desc" : "asc",
    limit: q.table.size,
    offset: q.table.offset,
  };
}

/** The filter as plain JSON (the export's audit entry): wei as decimal strings, times as ISO 8601. */
export function describeAlertFilter(f: AlertFilter): Record<string, string | number | null | string[]> {
  const out: Record<string, string | number | null | string[]> = {};
  for (const [key, value] of Object.entries(f) as [string, unknown][]) {
    if (value === undefined) continue;
    if (value instanceof Date) out[key] = value.toISOString();
    else if (typeof value === "bigint") out[key] = value.toString();
    else if (Array.isArray(value)) out[key] = value.map(String);
    else out[key] = value as string | number | null;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Bulk assignment

export const MAX_ASSIGN_BATCH = 500;

/** `assignee: ""` unassigns; otherwise a user id (checked against the assignable users). */
export const assignAlertsSchema = z.strictObject({
  alertIds: z
    .array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER), { error: "alertIds must be alert ids" })
    .min(1, "Select at least one alert.")
    .max(MAX_ASSIGN_BATCH, `Assign at most ${MAX_ASSIGN_BATCH} alerts at a time.`),
  assignee: z.union([z.literal(""), z.string().regex(USER_ID_RE, "Choose a user to assign the alerts to.")]),
});
export type AssignAlertsInput = z.output<typeof assignAlertsSchema>;
