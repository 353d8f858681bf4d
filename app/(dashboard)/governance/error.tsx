"use client";

import { SegmentError } from "@/components/shell/segment-error";

export default function GovernanceError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SegmentError title="Governance" error={error} retry={retry} />;
}
