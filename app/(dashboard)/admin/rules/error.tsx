"use client";

import { SegmentError } from "@/components/shell/segment-error";

export default function RuleSettingsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SegmentError title="Rule settings" error={error} retry={retry} />;
}
