"use client";

import { SegmentError } from "@/components/shell/segment-error";

export default function ReservesError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SegmentError title="Reserves & peg" error={error} retry={retry} />;
}
