"use client";

import { SegmentError } from "@/components/shell/segment-error";

export default function OverviewError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SegmentError title="Overview" error={error} retry={retry} />;
}
