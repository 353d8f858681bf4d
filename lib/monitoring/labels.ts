// The words for an alert's status and severity, one list for the pages, the badges and the
// workflow's messages. Types only: safe in client components.
import type { AlertStatus, Severity } from "@/db/schema/monitoring";

export const STATUS_LABELS: Record<AlertStatus, string> = {
  open: "Open",
  in_review: "In review",
  escalated: "Escalated",
  reported: "Reported",
  dismissed: "Dismissed",
  withdrawn: "Withdrawn",
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  severe: "Severe",
  high: "High",
  medium: "Medium",
  low: "Low",
};
