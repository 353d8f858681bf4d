"use client";

import { SegmentError } from "@/components/shell/segment-error";

export default function AddressError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SegmentError title="Address" error={error} retry={retry} />;
}
