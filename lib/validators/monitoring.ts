import { z } from "zod";
import { RULE_IDS } from "@/db/schema/monitoring";

export const ruleIdSchema = z.enum(RULE_IDS);

/** Settings page input: the whole parameter set of one rule (checked again by the rule's own schema). */
export const ruleSettingsInputSchema = z.object({
  ruleId: ruleIdSchema,
  params: z.record(z.string(), z.unknown()),
  enabled: z.boolean().optional(),
});
export type RuleSettingsInput = z.output<typeof ruleSettingsInputSchema>;

/** One row of an imported sanctions / high-risk list: chain id, address, list name, reference. */
export const watchlistRowSchema = z.object({
  chainId: z.coerce.number().int().positive(),
  address: z
    .string()
    .trim()
    .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte address")
    .refine((a) => !/^0x0{40}$/.test(a), "the zero address cannot be listed")
    .transform((a) => a.toLowerCase() as `0x${string}`),
  listName: z.string().trim().min(1, "list name is required").max(200),
  reference: z.string().trim().max(500).default(""),
});
export type WatchlistRow = z.output<typeof watchlistRowSchema>;

export const monitorCliSchema = z
  .object({
    rebuild: z.boolean().default(false),
    once: z.boolean().default(false),
    follow: z.boolean().default(false),
    report: z.boolean().default(false),
    rule: z.array(ruleIdSchema).optional(),
    chain: z.array(z.coerce.number().int().positive()).optional(),
    dryRun: z.boolean().default(false),
    importWatchlist: z.string().min(1).optional(),
    /** Accepted for old scripts: every import replaces the entries of the lists it names. */
    replace: z.boolean().default(false),
    listName: z.string().trim().min(1).max(200).optional(),
    intervalMs: z.coerce.number().int().min(200).max(600_000).default(2_000),
  })
  .refine(
    (f) =>
      [f.rebuild, f.once, f.follow, f.report, f.importWatchlist !== undefined].filter(Boolean).length === 1,
    "choose exactly one of --rebuild, --once, --follow, --report, --import-watchlist FILE",
  )
  .refine((f) => !f.rule || f.rebuild, "--rule only applies to --rebuild")
  .refine((f) => !f.listName || f.importWatchlist, "--list-name only applies to --import-watchlist")
  .refine((f) => !f.dryRun || f.rebuild, "--dry-run only applies to --rebuild");
export type MonitorCliFlags = z.output<typeof monitorCliSchema>;

export const benchFlagsSchema = z.object({
  transfers: z.coerce.number().int().min(1_000).max(20_000_000).default(1_000_000),
  days: z.coerce.number().int().min(1).max(3_650).default(60),
  mode: z.enum(["copy", "keyset"]).default("copy"),
  keep: z.boolean().default(false),
  /** Organic traffic mix (synthetic.ts): "retail" keeps business-only transfers near 30%. */
  mix: z.enum(["retail", "vasp"]).default("retail"),
  /** After the rebuild of the history, follow-mode steps over a tail of new blocks. */
  incremental: z.boolean().default(false),
  steps: z.coerce.number().int().min(1).max(10_000).default(40),
  stepTransfers: z.coerce.number().int().min(10).max(100_000).default(1_000),
});

export const reportFlagsSchema = z.object({
  days: z.coerce.number().int().min(8).max(365).default(30),
  scale: z.coerce.number().positive().max(4).default(0.5),
  seed: z.string().min(1).default("monitor-report"),
});
