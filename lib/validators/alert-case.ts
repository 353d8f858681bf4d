// Inputs of the alert (case) page and its actions. Reasons are free text here: which moves need
// one is the workflow's rule (lib/monitoring/workflow.ts), checked in the transaction, so the
// same message reaches the form and a direct call alike.
import { z } from "zod";
import { DECISION_TARGETS, REASON_MAX } from "@/lib/monitoring/workflow";

export const NOTE_MAX = 4_000;

/** A bigserial id as the page or a form sends it (digits; a number from a direct call). */
export const alertIdSchema = z.coerce
  .number({ error: "Unknown alert." })
  .int("Unknown alert.")
  .positive("Unknown alert.")
  .max(Number.MAX_SAFE_INTEGER, "Unknown alert.");

/** `/alerts/[id]`: anything but a plain id is simply not an alert (404), never a query error. */
export const alertIdParamSchema = z
  .string()
  .regex(/^[1-9]\d{0,14}$/)
  .transform(Number);

export const addAlertNoteSchema = z.object({
  alertId: alertIdSchema,
  body: z
    .string({ error: "Write a note first." })
    .trim()
    .min(1, "Write a note first.")
    .max(NOTE_MAX, `A note holds at most ${NOTE_MAX.toLocaleString("en-US")} characters.`),
});
export type AddAlertNoteInput = z.output<typeof addAlertNoteSchema>;

export const transitionAlertSchema = z.object({
  alertId: alertIdSchema,
  to: z.enum(DECISION_TARGETS, { error: "Choose a decision." }),
  reason: z
    .string()
    .trim()
    .max(REASON_MAX, `A reason holds at most ${REASON_MAX.toLocaleString("en-US")} characters.`)
    .optional()
    .default(""),
});
export type TransitionAlertInput = z.output<typeof transitionAlertSchema>;
