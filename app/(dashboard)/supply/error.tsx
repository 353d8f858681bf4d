"use client";

import { SegmentError } from "@/components/shell/segment-error";

export default function SupplyError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SegmentError title="Supply" error={error} retry={retry} />;
}
