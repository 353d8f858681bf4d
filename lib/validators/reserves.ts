// Inputs of the Reserves & peg page's forms: attestation entries, their review, entered supply.
import { z } from "zod";
import { ENTERED_SUPPLY_CHAINS } from "@/lib/reserves/chains";
import { parseUsd1Amount } from "./transactions";

const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
export const REVIEW_REASON_MAX = 2_000;

const text = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${what}.`)
    .max(max, `The ${what} has at most ${max} characters.`)
    .refine((s) => !CONTROL_CHARS.test(s), `The ${what} cannot contain control characters.`);

/** A USD amount as typed ("4630000000.25", no separators) → wei (18 decimals), exactly. */
export const usdWeiInput = (what: string) =>
  z
    .string()
    .trim()
    .regex(
      /^\d{1,30}(\.\d{1,18})?$/,
      `The ${what} must be a USD amount such as 4630000000.25 (no separators).`,
    )
    .transform((s) => parseUsd1Amount(s));

/** A past or present UTC day, "YYYY-MM-DD" (a report cannot be as of tomorrow). */
export const asOfDay = z
  .string()
  .trim()
  .regex(DAY_RE, "The as-of date must be a date (YYYY-MM-DD).")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "The as-of date is not a calendar date.")
  .refine((s) => s <= new Date().toISOString().slice(0, 10), "The as-of date cannot be in the future.");

export const enterAttestationSchema = z.object({
  reserves: usdWeiInput("reserve figure"),
  asOf: asOfDay,
  custodian: text("custodian", 200),
  reportName: text("report name", 300),
  reportSha256: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{64}$/, "The SHA-256 is 64 hexadecimal characters.")
    .transform((s) => s.toLowerCase()),
});
export type EnterAttestationInput = z.output<typeof enterAttestationSchema>;

export const reviewAttestationSchema = z
  .object({
    id: z.coerce.number().int().positive(),
    decision: z.enum(["confirm", "reject"], { error: "Choose confirm or reject." }),
    reason: z.string().trim().max(REVIEW_REASON_MAX).optional().default(""),
  })
  .refine((v) => v.decision === "confirm" || v.reason.length > 0, {
    message: "Say why the entry is rejected.",
    path: ["reason"],
  });
export type ReviewAttestationInput = z.output<typeof reviewAttestationSchema>;

export const enterSupplySchema = z.object({
  chain: z.enum(ENTERED_SUPPLY_CHAINS, { error: `Choose one of ${ENTERED_SUPPLY_CHAINS.join(", ")}.` }),
  supply: usdWeiInput("supply"),
  asOf: asOfDay,
  source: text("source", 500),
});
export type EnterSupplyInput = z.output<typeof enterSupplySchema>;

/** The Reserves & peg view opens on the last 30 days (the export uses the same default). */
export const RESERVES_DEFAULT_RANGE = "30d" as const;
