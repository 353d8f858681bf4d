// Severity and status of an alert as badges. Plain components (no hooks), usable from server
// and client components alike. The words carry the meaning; colour only reinforces it.
import type { AlertStatus, Severity } from "@/db/schema/monitoring";
import { SEVERITY_LABELS, STATUS_LABELS } from "@/lib/monitoring/labels";
import { Badge, type BadgeTone } from "./badge";

export { SEVERITY_LABELS, STATUS_LABELS };

const SEVERITY_TONES: Record<Severity, BadgeTone> = {
  severe: "danger",
  high: "danger",
  medium: "warning",
  low: "neutral",
};

const STATUS_TONES: Record<AlertStatus, BadgeTone> = {
  open: "warning",
  in_review: "warning",
  escalated: "danger",
  reported: "success",
  dismissed: "neutral",
  withdrawn: "neutral",
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge tone={SEVERITY_TONES[severity]} data-testid="alert-severity">
      {SEVERITY_LABELS[severity]}
    </Badge>
  );
}

export function AlertStatusBadge({ status }: { status: AlertStatus }) {
  return (
    <Badge tone={STATUS_TONES[status]} data-testid="alert-status">
      {STATUS_LABELS[status]}
    </Badge>
  );
}
