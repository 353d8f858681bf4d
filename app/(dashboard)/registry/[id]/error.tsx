"use client";

import { SegmentError } from "@/components/shell/segment-error";

export default function EntityError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SegmentError title="Entity" error={error} retry={retry} />;
}
