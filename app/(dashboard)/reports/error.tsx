"use client";

import { SegmentError } from "@/components/shell/segment-error";

export default function ReportsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SegmentError title="Reports" error={error} retry={retry} />;
}
