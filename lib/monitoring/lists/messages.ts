// Wording the two list actions (lib/actions/*-watchlist.ts) share.
import type { HistoryApplied } from "./apply-to-history";
import { formatCount } from "@/lib/format";

export function historyNote(h: HistoryApplied): string {
  return (
    `History re-checked under R1: ${formatCount(h.added + h.reinstated, "alert")} raised, ` +
    `${formatCount(h.withdrawn, "alert")} withdrawn.`
  );
}

/** The browser's file name is user input: keep it short and printable. */
export function uploadName(file: Blob): string {
  const raw = file instanceof File ? file.name : "";
  const clean = raw
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, 200);
  return clean || "upload";
}
