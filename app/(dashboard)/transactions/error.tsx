"use client";

import { SegmentError } from "@/components/shell/segment-error";

export default function TransactionsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SegmentError title="Transactions" error={error} retry={retry} />;
}
