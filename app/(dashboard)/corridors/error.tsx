"use client";

import { SegmentError } from "@/components/shell/segment-error";

export default function CorridorsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SegmentError title="Corridors" error={error} retry={retry} />;
}
