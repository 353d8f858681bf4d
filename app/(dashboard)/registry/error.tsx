"use client";

import { SegmentError } from "@/components/shell/segment-error";

export default function RegistryError({ error, retry }: { error: unknown; retry: () => void }) {
  return <SegmentError title="Entity registry" error={error} retry={retry} />;
}
