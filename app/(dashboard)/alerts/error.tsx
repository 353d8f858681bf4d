"use client";

import { SegmentError } from "@/components/shell/segment-error";

export default function AlertsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SegmentError title="Alerts" error={error} retry={retry} />;
}
