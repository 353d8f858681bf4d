"use client";

import { SegmentError } from "@/components/shell/segment-error";

export default function AlertError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SegmentError title="Alert" error={error} retry={retry} />;
}
