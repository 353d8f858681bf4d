// Export requests and goAML settings at the boundary (route bodies, query strings, the settings
// form, the bench's flags). Wei travels as decimal strings; nothing here is a float.
import { z } from "zod";
import { ALERT_STATUSES, RULE_IDS, SEVERITIES } from "@/db/schema/monitoring";
import { TRANSFER_KINDS } from "@/db/schema/chain";
import { TRANSFER_FLOWS, type TransactionFilter } from "@/db/queries/transactions";

/** "EX-7K2M-9QH4-TZ8D": 12 Crockford base32 digits (60 random bits), typeable from paper. */
export const EXPORT_ID_RE = /^EX-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
export const exportIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(EXPORT_ID_RE, "not an export id (EX-XXXX-XXXX-XXXX)");

export const EXPORT_KINDS = [
  "transactions",
  "alerts",
  "corridor_matrix",
  "supply_series",
  "monthly_report",
  "goaml",
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const TABLE_FORMATS = ["csv", "xlsx"] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];
export type ExportFormat = TableFormat | "pdf" | "xml";

const DAY = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date written YYYY-MM-DD")
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s, "not a real date");
const WEI = z.string().regex(/^\d{1,78}$/, "an amount in wei (digits only)");
const chainId = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
const country = z.string().regex(/^[A-Z]{2}$/, "ISO 3166-1 alpha-2 (ZZ = unattributed)");
const hexAddress = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "0x followed by 40 hex digits")
  .transform((s) => s.toLowerCase() as `0x${string}`);
const hexHash = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, "0x followed by 64 hex digits")
  .transform((s) => s.toLowerCase() as `0x${string}`);

function ordered<T extends { fromDay?: string | undefined; toDay?: string | undefined }>(f: T): boolean {
  return !f.fromDay || !f.toDay || f.fromDay <= f.toDay;
}

const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

/**
 * The transactions view's filter (db/queries/transactions.ts TransactionFilter) in JSON form;
 * the view's own URL parser (lib/validators/transactions.ts) yields the same type.
 */
export const transactionExportFilterSchema = z
  .object({
    chainId: chainId.optional(),
    txHash: hexHash.optional(),
    address: hexAddress.optional(),
    kind: z.enum(TRANSFER_KINDS).optional(),
    minAmount: WEI.transform(BigInt).optional(),
    maxAmount: WEI.transform(BigInt).optional(),
    /** Block time: since inclusive, until exclusive (ISO 8601 with offset). */
    since: instant.optional(),
    until: instant.optional(),
    entityId: z.coerce.number().int().positive().optional(),
    country: country.optional(),
    origin: country.optional(),
    destination: country.optional(),
    flow: z.enum(TRANSFER_FLOWS).optional(),
    finalizedOnly: z.boolean().optional(),
  })
  .strict()
  .refine((f) => !f.since || !f.until || f.since < f.until, "since must be before until");
export type TransactionExportFilter = z.output<typeof transactionExportFilterSchema>;
// Compile-time guard: if the view's filter type changes shape, this stops type-checking.
const _filterMatchesView = (f: TransactionExportFilter): TransactionFilter => f;

export const alertExportFilterSchema = z
  .object({
    chainId: chainId.optional(),
    ruleId: z.enum(RULE_IDS).optional(),
    status: z.enum(ALERT_STATUSES).optional(),
    severity: z.enum(SEVERITIES).optional(),
    fromDay: DAY.optional(),
    toDay: DAY.optional(),
  })
  .strict()
  .refine(ordered, "fromDay is after toDay");
export type AlertExportFilter = z.output<typeof alertExportFilterSchema>;

/** Corridor matrix and supply series: a closed day range, optionally one chain. */
export const dayRangeExportSchema = z
  .object({ fromDay: DAY, toDay: DAY, chainId: chainId.optional() })
  .strict()
  .refine(ordered, "fromDay is after toDay");
export type DayRangeExport = z.output<typeof dayRangeExportSchema>;

export const monthlyReportParamsSchema = z
  .object({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month written YYYY-MM"),
    chainId: chainId.optional(),
  })
  .strict();
export type MonthlyReportParams = z.output<typeof monthlyReportParamsSchema>;

export const goamlExportParamsSchema = z
  .object({
    /** The alerts of the case being reported (their evidence transfers become <transaction>s). */
    alertIds: z
      .array(z.coerce.number().int().positive())
      .min(1, "a report needs at least one alert")
      .max(500),
    reason: z.string().trim().min(1, "the reason for suspicion is required").max(4000),
    action: z.string().trim().max(4000).optional(),
  })
  .strict();
export type GoamlExportParams = z.output<typeof goamlExportParamsSchema>;

// ---------------------------------------------------------------------------------------------
// goAML settings: what a compliance officer edits (code lists are each FIU's own: placeholders).

const code = z.string().trim().min(1).max(50);
const text = (max: number) => z.string().trim().min(1).max(max);

export const goamlSettingsSchema = z.object({
  /** Reporting entity id assigned by the FIU (goAML <rentity_id>, an integer). */
  rentityId: z.coerce.number().int().positive(),
  rentityBranch: z.string().trim().max(255).optional(),
  /** E = electronic submission, M = manual (goAML submission codes). */
  submissionCode: z.enum(["E", "M"]),
  reportCode: code,
  /** ISO 4217 of amount_local. */
  currencyCodeLocal: z.string().regex(/^[A-Z]{3}$/),
  /** Local currency per 1 USD1 (the peg assumed: 1 USD1 = 1 USD), e.g. "278.50". */
  localPerUsd: z
    .string()
    .regex(/^\d{1,9}(\.\d{1,8})?$/)
    .refine((s) => /[1-9]/.test(s), "must be above zero"),
  /** ISO 4217 code used for wallet accounts (USD1 has none of its own). */
  accountCurrencyCode: z.string().regex(/^[A-Z]{3}$/),
  transmodeCode: code,
  fundsCode: code,
  /** Country for an unattributed wallet (goAML requires one on each side). */
  unknownCountryCode: z.string().regex(/^[A-Z]{2}$/),
  /** institution_name of an unattributed (possibly self-hosted) wallet. */
  unattributedInstitution: text(255),
  reportingPerson: z.object({
    firstName: text(100),
    lastName: text(100),
    email: z.email().max(255),
    occupation: text(255),
  }),
  location: z.object({
    addressType: code,
    address: text(255),
    city: text(255),
    countryCode: z.string().regex(/^[A-Z]{2}$/),
  }),
  /** Report indicator code for each rule that can fire (R1…R12). */
  indicators: z.record(z.enum(RULE_IDS), code),
});
export type GoamlSettings = z.output<typeof goamlSettingsSchema>;

export const exportBenchFlagsSchema = z.object({
  rows: z.coerce.number().int().min(1_000).max(20_000_000).default(1_000_000),
  batch: z.coerce.number().int().min(100).max(100_000).default(1_000),
  keep: z.boolean().default(false),
});
