"use client";

import { SegmentError } from "@/components/shell/segment-error";

export default function GoamlSettingsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SegmentError title="goAML settings" error={error} retry={retry} />;
}
