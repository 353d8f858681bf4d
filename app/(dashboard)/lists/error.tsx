"use client";

import { SegmentError } from "@/components/shell/segment-error";

export default function ListsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SegmentError title="Lists" error={error} retry={retry} />;
}
