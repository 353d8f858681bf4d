// Search params shared by every dashboard view: chain, date range and table state. Parsed on the
// server with zod; a bad value yields a user-facing message (rendered by <ViewParamsError>, on a
// 200 page), never an exception. Nothing here reaches SQL as text: queries take the typed values.
import { z } from "zod";
import { chainParamSchema, firstParam } from "./filters";

export type SearchParams = Record<string, string | string[] | undefined>;

export const RANGE_PRESETS = ["24h", "7d", "30d", "90d", "ytd", "all"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const RANGE_LABELS: Record<RangePreset, string> = {
  "24h": "24 hours",
  "7d": "7 days",
  "30d": "30 days",
  "90d": "90 days",
  ytd: "Year to date",
  all: "All time",
};

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 25;
export const MAX_PAGE = 100_000;
export const SEARCH_MAX = 100;

/** One problem with the URL, phrased for the person who typed or pasted it. */
export type ParamIssue = { param: string; message: string };
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: ParamIssue[] };

export type DateRange = {
  preset: RangePreset | "custom";
  /** First UTC day included ("YYYY-MM-DD"); null = since the first block. For daily rollups. */
  fromDay: string | null;
  /** Last UTC day included ("YYYY-MM-DD"). */
  toDay: string;
  /** Inclusive lower bound for block-time queries; null = since the first block. */
  since: Date | null;
  /** Exclusive upper bound for block-time queries (00:00 UTC after toDay). */
  until: Date;
  /** "30 days", "2025-01-01 – 2025-03-31", … */
  label: string;
};

export type ViewParams = { chainId: number | undefined; range: DateRange };
export type ChainRefLike = { chainId: number; name: string };

const DAY_MS = 86_400_000;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const MIN_DAY = "2000-01-01";
const MAX_DAY = "2100-12-31";
const PRESET_DAYS: Partial<Record<RangePreset, number>> = { "7d": 7, "30d": 30, "90d": 90 };

function dayOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}
function startOf(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}
function addDays(day: string, n: number): string {
  return dayOf(new Date(startOf(day).getTime() + n * DAY_MS));
}

/**
 * A preset as concrete bounds. Day presets are whole UTC days ending today ("7d" = today and the
 * six days before), so rollup charts get exactly N buckets; "24h" is rolling.
 */
export function presetRange(preset: RangePreset, now: Date): DateRange {
  const today = dayOf(now);
  const until = startOf(addDays(today, 1));
  const label = RANGE_LABELS[preset];
  if (preset === "all") return { preset, fromDay: null, toDay: today, since: null, until, label };
  if (preset === "24h") {
    const since = new Date(now.getTime() - DAY_MS);
    return { preset, fromDay: dayOf(since), toDay: today, since, until, label };
  }
  const fromDay = preset === "ytd" ? `${today.slice(0, 4)}-01-01` : addDays(today, 1 - PRESET_DAYS[preset]!);
  return { preset, fromDay, toDay: today, since: startOf(fromDay), until, label };
}

const dayParam = (name: string) =>
  z
    .string()
    .regex(DAY_RE, { message: `${name} must be a date written YYYY-MM-DD`, abort: true })
    .refine((s) => !Number.isNaN(Date.parse(s)) && dayOf(startOf(s)) === s, {
      message: `${name} is not a real date`,
      abort: true,
    })
    .refine((s) => s >= MIN_DAY && s <= MAX_DAY, `${name} must be between ${MIN_DAY} and ${MAX_DAY}`);

function issuesOf(param: string, error: z.ZodError): ParamIssue[] {
  return error.issues.map((i) => ({ param, message: i.message }));
}

function parseRange(sp: SearchParams, now: Date, defaultRange: RangePreset): Parsed<DateRange> {
  const range = firstParam(sp.range);
  const from = firstParam(sp.from);
  const to = firstParam(sp.to);
  const custom = from !== undefined || to !== undefined;
  if (range !== undefined && range !== "custom" && !(RANGE_PRESETS as readonly string[]).includes(range)) {
    const message = `Unknown range "${range.slice(0, 20)}". Use one of ${RANGE_PRESETS.join(", ")}, or from/to dates.`;
    return { ok: false, errors: [{ param: "range", message }] };
  }
  if (!custom) {
    if (range === "custom") {
      return {
        ok: false,
        errors: [{ param: "range", message: "A custom range needs from and/or to (YYYY-MM-DD)." }],
      };
    }
    return { ok: true, value: presetRange((range as RangePreset | undefined) ?? defaultRange, now) };
  }
  if (range !== undefined && range !== "custom") {
    const message = `Use either a preset range (range=${range}) or from/to dates, not both.`;
    return { ok: false, errors: [{ param: "range", message }] };
  }
  const errors: ParamIssue[] = [];
  const f = from === undefined ? undefined : dayParam("from").safeParse(from);
  const t = to === undefined ? undefined : dayParam("to").safeParse(to);
  if (f && !f.success) errors.push(...issuesOf("from", f.error));
  if (t && !t.success) errors.push(...issuesOf("to", t.error));
  if (errors.length > 0) return { ok: false, errors };
  const fromDay = f?.data ?? null;
  const toDay = t?.data ?? dayOf(now);
  if (fromDay !== null && fromDay > toDay) {
    const message = `The date range is reversed: from ${fromDay} is after to ${toDay}.`;
    return { ok: false, errors: [{ param: "from", message }] };
  }
  const label = `${fromDay ?? "first block"} – ${toDay}`;
  const since = fromDay === null ? null : startOf(fromDay);
  return {
    ok: true,
    value: { preset: "custom", fromDay, toDay, since, until: startOf(addDays(toDay, 1)), label },
  };
}

function parseChain(sp: SearchParams, chains: readonly ChainRefLike[]): Parsed<number | undefined> {
  const parsed = chainParamSchema.safeParse(firstParam(sp.chain));
  if (!parsed.success) {
    return {
      ok: false,
      errors: [{ param: "chain", message: "The chain filter must be a numeric chain id." }],
    };
  }
  const id = parsed.data;
  if (id !== undefined && !chains.some((c) => c.chainId === id)) {
    const known = chains.map((c) => `${c.chainId} (${c.name})`).join(", ") || "none indexed yet";
    return {
      ok: false,
      errors: [{ param: "chain", message: `Unknown chain ${id}. Known chains: ${known}.` }],
    };
  }
  return { ok: true, value: id };
}

export type ParseViewParamsOptions = {
  /** Chains the database knows (listKnownChains); anything else is refused. */
  chains: readonly ChainRefLike[];
  /** One clock per request, so every widget agrees on "today". */
  now: Date;
  defaultRange?: RangePreset;
};

/** `?chain=&range=` or `?chain=&from=&to=`: typed params, or every problem found. */
export function parseViewParams(sp: SearchParams, opts: ParseViewParamsOptions): Parsed<ViewParams> {
  const chain = parseChain(sp, opts.chains);
  const range = parseRange(sp, opts.now, opts.defaultRange ?? "30d");
  if (chain.ok && range.ok) return { ok: true, value: { chainId: chain.value, range: range.value } };
  return { ok: false, errors: [...(chain.ok ? [] : chain.errors), ...(range.ok ? [] : range.errors)] };
}

// ---------------------------------------------------------------------------------------------
// Tables

export type SortSpec<S extends string = string> = { id: S; desc: boolean };
type FilterSchemas = Record<string, z.ZodType<string | undefined, string>>;

/** Filter values of a table: `{ status: "matched" | "mismatch" | undefined }`. */
export type FilterValues = Record<string, string | undefined>;
export type FilterValuesOf<F extends FilterSchemas> = { [K in keyof F]: z.output<F[K]> | undefined };
/** Schemas become their (optional) outputs; plain value types are kept as they are. */
type FiltersOf<F> = { [K in keyof F]: F[K] extends z.ZodType ? z.output<F[K]> | undefined : F[K] };

/**
 * One table's params. `F` is either the filter schemas given to parseTableParams
 * (`TableParams<S, typeof schemas>`) or the filter values (`TableParams<S, { kind: Kind | undefined }>`).
 */
export type TableParams<S extends string = string, F extends Record<string, unknown> = FilterSchemas> = {
  /** 1-based. */
  page: number;
  size: PageSize;
  /** (page − 1) × size, for LIMIT/OFFSET. */
  offset: number;
  sort: SortSpec<S> | null;
  /** Free-text search (`?q=`), trimmed; undefined when empty. Bind it as a parameter. */
  q: string | undefined;
  filters: FiltersOf<F>;
};

/** Alias of TableParams, for value-typed filters. */
export type TableParamsOf<
  S extends string = string,
  V extends Record<string, unknown> = FilterValues,
> = TableParams<S, V>;

export type ParseTableParamsOptions<S extends string, F extends FilterSchemas> = {
  /** Prefix of every key of this table ("holders" → holders.page, holders.sort, …). */
  prefix?: string;
  /** Whitelist of sortable column ids; anything else is refused. */
  sortable: readonly S[];
  defaultSort?: SortSpec<NoInfer<S>> | null;
  defaultSize?: PageSize;
  /** Column filters by key (without prefix); each schema validates and may normalise. */
  filters?: F;
};

/** Key of a table param in the URL: "page" or "holders.page". Client and server agree on it. */
export function tableKey(prefix: string | undefined, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}

const pageSchema = z
  .string()
  .regex(/^\d{1,9}$/, "page must be a whole number, 1 or more")
  .transform(Number)
  .refine((n) => n >= 1 && n <= MAX_PAGE, `page must be between 1 and ${MAX_PAGE.toLocaleString("en")}`);
const sizeSchema = z
  .string()
  .transform(Number)
  .refine((n): n is PageSize => (PAGE_SIZES as readonly number[]).includes(n), {
    message: `size must be one of ${PAGE_SIZES.join(", ")}`,
  });

/**
 * Free text typed into a search box. Letters (any script), digits, spaces and a little
 * punctuation cover names, addresses and hashes; SQL syntax and control characters are refused
 * with a message (the value is bound as a parameter anyway).
 */
export const searchTextSchema = z
  .string()
  .trim()
  .max(SEARCH_MAX, `search must be at most ${SEARCH_MAX} characters`)
  .regex(
    /^[\p{L}\p{N} .,'&@_()/-]*$/u,
    "search may contain only letters, digits, spaces and . , ' & @ _ ( ) / -",
  )
  .transform((s) => (s === "" ? undefined : s));

/** A 0x address filter, lower-cased (addresses are stored lower-case). */
export const addressFilterSchema = z
  .string()
  .trim()
  .regex(/^0x[0-9a-fA-F]{40}$/, "address must be 0x followed by 40 hex digits")
  .transform((s) => s.toLowerCase());

function parseSort<S extends string>(
  raw: string | undefined,
  sortable: readonly S[],
): Parsed<SortSpec<S> | undefined> {
  if (raw === undefined) return { ok: true, value: undefined };
  const m = /^([A-Za-z0-9_]{1,40})\.(asc|desc)$/.exec(raw);
  const allowed = sortable.join(", ");
  if (!m) {
    return {
      ok: false,
      errors: [
        { param: "sort", message: `sort must look like column.asc or column.desc (columns: ${allowed}).` },
      ],
    };
  }
  const id = m[1] as S;
  if (!sortable.includes(id)) {
    return {
      ok: false,
      errors: [{ param: "sort", message: `Cannot sort by "${id}". Sortable columns: ${allowed}.` }],
    };
  }
  return { ok: true, value: { id, desc: m[2] === "desc" } };
}

/** page/size/sort/q and column filters of one table; keys optionally prefixed (see tableKey). */
export function parseTableParams<S extends string, F extends FilterSchemas = Record<never, never>>(
  sp: SearchParams,
  opts: ParseTableParamsOptions<S, F>,
): Parsed<TableParams<S, F>> {
  const key = (name: string) => tableKey(opts.prefix, name);
  const errors: ParamIssue[] = [];
  const field = <T>(name: string, schema: z.ZodType<T, string>, fallback: T): T => {
    const raw = firstParam(sp[key(name)]);
    if (raw === undefined) return fallback;
    const r = schema.safeParse(raw);
    if (r.success) return r.data;
    errors.push(...issuesOf(key(name), r.error));
    return fallback;
  };
  const page = field("page", pageSchema, 1);
  const size = field("size", sizeSchema, opts.defaultSize ?? DEFAULT_PAGE_SIZE);
  const q = field("q", searchTextSchema, undefined);
  const sort = parseSort(firstParam(sp[key("sort")]), opts.sortable);
  if (!sort.ok) errors.push(...sort.errors.map((e) => ({ ...e, param: key("sort") })));
  const filters = {} as Record<string, string | undefined>;
  for (const [name, schema] of Object.entries(opts.filters ?? {})) {
    filters[name] = field(name, schema, undefined);
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      page,
      size,
      offset: (page - 1) * size,
      sort: (sort.ok ? sort.value : undefined) ?? opts.defaultSort ?? null,
      q,
      filters: filters as FiltersOf<F>,
    },
  };
}

/** Issues of several parses together (for one <ViewParamsError>). */
export function collectIssues(...results: Parsed<unknown>[]): ParamIssue[] {
  return results.flatMap((r) => (r.ok ? [] : r.errors));
}
