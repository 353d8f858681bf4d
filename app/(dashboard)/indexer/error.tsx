"use client";

import { SegmentError } from "@/components/shell/segment-error";

export default function IndexerError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SegmentError title="Indexer status" error={error} retry={retry} />;
}
