"use client";

import { SegmentError } from "@/components/shell/segment-error";

export default function AdminError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SegmentError title="Audit log" error={error} retry={retry} />;
}
