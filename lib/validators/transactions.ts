// URL state of the transactions view (and its exports): chain and dates through the shared
// view params, page/size/sort/q through the shared table params, and this view's own filters.
// Every value is validated here; the query layer only ever sees typed values.
import type { Address, Hash } from "viem";
import { z } from "zod";
import { TRANSFER_KINDS } from "@/db/schema/chain";
import {
  TRANSACTION_SORTS,
  TRANSFER_FLOWS,
  decodeTransactionCursor,
  type ListTransactionsParams,
  type TransactionCursor,
  type TransactionFilter,
} from "@/db/queries/transactions";
import { countryParamSchema } from "./corridors";
import { firstParam } from "./filters";
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

const USD1_RE = /^\d{1,30}(\.\d{1,18})?$/;
const WEI_PER_USD1 = 10n ** 18n;

/** "1000.5" (USD1, up to 18 decimals) → wei, exactly. */
export function parseUsd1Amount(text: string): bigint {
  if (!USD1_RE.test(text)) throw new RangeError(`not a USD1 amount: ${JSON.stringify(text)}`);
  const [whole = "0", frac = ""] = text.split(".");
  return BigInt(whole) * WEI_PER_USD1 + BigInt(frac.padEnd(18, "0"));
}

/** A USD1 amount typed in a filter (exact; converted with parseUsd1Amount). */
export const usd1AmountParam = (name: string) =>
  z.string().trim().regex(USD1_RE, `${name} must be a USD1 amount such as 1000 or 1000.50 (no separators)`);
const country = countryParamSchema;

/** Column filters in the URL (`?kind=transfer&min=1000&origin=AE…`). */
export const transactionFilterSchemas = {
  kind: z.enum(TRANSFER_KINDS, { error: `kind must be one of ${TRANSFER_KINDS.join(", ")}` }),
  min: usd1AmountParam("min"),
  max: usd1AmountParam("max"),
  entity: z.string().regex(/^\d{1,9}$/, "entity must be an entity id (a number)"),
  country: country("country"),
  origin: country("origin"),
  destination: country("destination"),
  flow: z.enum(TRANSFER_FLOWS, { error: `flow must be one of ${TRANSFER_FLOWS.join(", ")}` }),
  final: z.enum(["yes"], { error: 'final must be "yes" (or left out)' }),
} satisfies Record<string, z.ZodType<string | undefined, string>>;

export type TransactionSortId = (typeof TRANSACTION_SORTS)[number];
export const TRANSACTION_DEFAULT_SORT = { id: "time" as TransactionSortId, desc: true };

const HASH_RE = /^0x[0-9a-fA-F]{64}$/;
const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;

export type TransactionQuery = {
  view: ViewParams;
  table: TableParams<TransactionSortId, FilterValuesOf<typeof transactionFilterSchemas>>;
  filter: TransactionFilter;
  /** Keyset paging (`?after=` / `?before=`, the cursors of the pager's links); replaces `page`. */
  cursor: { after?: TransactionCursor; before?: TransactionCursor };
};

export type ParseTransactionParamsOptions = {
  chains: readonly ChainRefLike[];
  /** Known entity ids (an unknown one is an error, not an empty page). */
  entityIds: ReadonlySet<number>;
  now: Date;
};

/** The whole URL of the view: typed filter and paging, or every problem found. */
export function parseTransactionParams(
  sp: SearchParams,
  opts: ParseTransactionParamsOptions,
): Parsed<TransactionQuery> {
  const view = parseViewParams(sp, { chains: opts.chains, now: opts.now, defaultRange: "all" });
  const table = parseTableParams(sp, {
    sortable: TRANSACTION_SORTS,
    defaultSort: TRANSACTION_DEFAULT_SORT,
    filters: transactionFilterSchemas,
  });
  const issues = collectIssues(view, table);
  if (!view.ok || !table.ok) return { ok: false, errors: issues };
  const errors: ParamIssue[] = [];
  const filter = toFilter(view.value, table.value, opts, errors);
  const cursor = parseCursor(sp, (table.value.sort ?? TRANSACTION_DEFAULT_SORT).id, errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { view: view.value, table: table.value, filter, cursor } };
}

/** `after` or `before` (not both): a row's sort key for the current sort, as the pager wrote it. */
function parseCursor(
  sp: SearchParams,
  sort: TransactionSortId,
  errors: ParamIssue[],
): TransactionQuery["cursor"] {
  const after = firstParam(sp.after);
  const before = firstParam(sp.before);
  if (after !== undefined && before !== undefined) {
    errors.push({ param: "after", message: "Use either after or before (a page link), not both." });
    return {};
  }
  const param = after !== undefined ? "after" : "before";
  const text = after ?? before;
  if (text === undefined) return {};
  const cursor = decodeTransactionCursor(sort, text);
  if (cursor === null) {
    errors.push({
      param,
      message: `${param} is not a page link of this sort; go back to the first page (remove ${param}).`,
    });
    return {};
  }
  return param === "after" ? { after: cursor } : { before: cursor };
}

function toFilter(
  view: ViewParams,
  table: TransactionQuery["table"],
  opts: ParseTransactionParamsOptions,
  errors: ParamIssue[],
): TransactionFilter {
  const f = table.filters;
  const q = table.q;
  if (q !== undefined && !HASH_RE.test(q) && !ADDRESS_RE.test(q)) {
    errors.push({
      param: "q",
      message: "Search for a transaction hash (0x + 64 hex digits) or an address (0x + 40 hex digits).",
    });
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
  const corridor = f.origin !== undefined || f.destination !== undefined || f.flow !== undefined;
  if (corridor && f.kind !== undefined && f.kind !== "transfer") {
    errors.push({
      param: "kind",
      message: "Corridor filters cover plain transfers only; remove kind or set it to transfer.",
    });
  }
  return {
    chainId: view.chainId,
    txHash: q && HASH_RE.test(q) ? (q.toLowerCase() as Hash) : undefined,
    address: q && ADDRESS_RE.test(q) ? (q.toLowerCase() as Address) : undefined,
    kind: f.kind,
    minAmount,
    maxAmount,
    since: view.range.since ?? undefined,
    // "All time" has no upper bound: a chain whose clock runs ahead of ours must still show.
    until: view.range.preset === "all" ? undefined : view.range.until,
    entityId,
    country: f.country,
    origin: f.origin,
    destination: f.destination,
    flow: f.flow,
    finalizedOnly: f.final === "yes",
  };
}

/** Query parameters of the list call for one page. */
export function listParamsOf(q: TransactionQuery): ListTransactionsParams {
  const sort = q.table.sort ?? TRANSACTION_DEFAULT_SORT;
  return {
    ...q.filter,
    sort: sort.id,
    dir: sort.desc ? "desc" : "asc",
    limit: q.table.size,
    offset: q.table.offset,
    after: q.cursor.after,
    before: q.cursor.before,
  };
}

/** The filter as plain JSON (audit entries): wei as decimal strings, times as ISO 8601. */
export function describeTransactionFilter(f: TransactionFilter): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(f)) {
    if (value === undefined || value === false) continue;
    out[key] =
      value instanceof Date ? value.toISOString() : typeof value === "bigint" ? value.toString() : value;
  }
  return out;
}
