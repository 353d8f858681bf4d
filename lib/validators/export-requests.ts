// Query strings of the export routes that are not a view's own URL (those reuse the view's
// parser): the monthly report's month and chain, and the alerts of a goAML case.
import { z } from "zod";

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** "YYYY-MM" of an instant, in UTC. */
export function utcMonthOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** `?month=YYYY-MM[&chain=<id>]`: a month up to the current one (a month to date is allowed). */
export function monthlyReportRequestSchema(now: Date) {
  return z.object({
    month: z
      .string({ error: "month is required (YYYY-MM)" })
      .regex(MONTH_RE, { error: "month must be written YYYY-MM", abort: true })
      .refine((m) => m <= utcMonthOf(now), "month is in the future: nothing to report yet"),
    chainId: z.coerce
      .number({ error: "chain must be a numeric chain id" })
      .int("chain must be a numeric chain id")
      .positive("chain must be a numeric chain id")
      .max(2 ** 31 - 1, "chain must be a numeric chain id")
      .optional(),
  });
}

/** `?alert=<id>` repeated: the alerts of one case (at most 500), duplicates dropped. */
export const goamlAlertIdsSchema = z
  .array(z.string().regex(/^[1-9]\d{0,14}$/, "alert must be an alert id (a positive number)"))
  .min(1, "Name the case's alerts: ?alert=<id> (repeat for several).")
  .max(500, "A goAML report covers at most 500 alerts.")
  .transform((ids) => [...new Set(ids.map(Number))]);
