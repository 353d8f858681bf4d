// Export ids, the goAML request and settings, and the bench's flags at the boundary. The table
// exports read the views' own URL parsers (lib/validators/<view>.ts, export-requests.ts). Wei
// travels as decimal strings; nothing here is a float.
import { z } from "zod";
import { TRANSFER_RULE_IDS } from "@/db/schema/monitoring";

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
  "reserves_series",
  "peg_series",
  "monthly_report",
  "goaml",
  "goaml_draft",
  "audit_log",
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const TABLE_FORMATS = ["csv", "xlsx"] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];
export type ExportFormat = TableFormat | "pdf" | "xml";

// ---------------------------------------------------------------------------------------------
// goAML settings: what a compliance officer edits (code lists are each FIU's own: placeholders).

const code = z.string().trim().min(1).max(50);
const text = (max: number) => z.string().trim().min(1).max(max);

export const goamlSettingsSchema = z.object({
  /** Reporting entity id assigned by the FIU (goAML <rentity_id>, an integer). */
  rentityId: z.coerce.number().int().positive(),
  /** goAML 5.0.1 requires <rentity_branch>: the reporting office (e.g. "Head office"). */
  rentityBranch: text(255),
  /** E = electronic submission, M = manual (goAML submission codes). */
  submissionCode: code,
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
  /**
   * goAML requires <institution_code> (or <swift>) on every account: the code the FMU uses for
   * the institution behind a wallet (optional only so that settings saved before it existed load).
   */
  institutionCode: code.optional(),
  /** <personal_account_type> of wallet accounts, when the FMU's list has one (e.g. CRYWT). */
  accountTypeCode: code.optional(),
  /** Country for an unattributed wallet (goAML requires one on each side): a code of the schema's list. */
  unknownCountryCode: z.string().trim().min(1).max(3),
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
    /** goAML 5.0.1 caps an address at 100 characters. */
    address: text(100),
    city: text(255),
    countryCode: z.string().regex(/^[A-Z]{2}$/),
  }),
  /** Report indicator code for each transfer rule (R1…R12); R13/R14 judge markets, never a transaction in an STR. */
  indicators: z.record(z.enum(TRANSFER_RULE_IDS), code),
});
export type GoamlSettings = z.output<typeof goamlSettingsSchema>;

export const exportBenchFlagsSchema = z.object({
  rows: z.coerce.number().int().min(1_000).max(20_000_000).default(1_000_000),
  batch: z.coerce.number().int().min(100).max(100_000).default(1_000),
  keep: z.boolean().default(false),
});
