// Small pieces the alert (case) page's cards share: ids and titles (so the skeleton matches the
// page), an address with its registry attribution, a user's display name.
import Link from "next/link";
import type { ReactNode } from "react";
import { zeroAddress } from "viem";
import { cn } from "@/components/ui/cn";
import type { CaseParty, CaseUser } from "@/db/queries/alert-case";
import { formatCountry } from "@/lib/format";

export const ALERT_CARDS = {
  decision: { id: "alert-decision", title: "Case" },
  explanation: { id: "alert-explanation", title: "Why this alert" },
  parties: { id: "alert-parties", title: "Parties" },
  evidence: { id: "alert-evidence", title: "Evidence" },
  activity: { id: "alert-activity", title: "Subject's activity around the alert" },
  graph: { id: "alert-graph", title: "Counterparties around the alert" },
  notes: { id: "alert-notes", title: "Notes" },
  history: { id: "alert-history", title: "Decision history" },
} as const;

export function shortHex(hex: string, head = 8, tail = 6): string {
  return hex.length <= head + tail + 1 ? hex : `${hex.slice(0, head)}…${hex.slice(-tail)}`;
}

/** Entity name, else the registry label, else a short address; the zero address is mint/burn. */
export function partyName(p: Pick<CaseParty, "address" | "entityName" | "label">): string {
  if (p.address === zeroAddress) return "Zero address (mint/burn)";
  return p.entityName ?? p.label ?? shortHex(p.address);
}

export function userLabel(u: CaseUser | null): string {
  if (!u) return "System";
  if (u.name && u.email) return `${u.name} (${u.email})`;
  return u.email ?? u.name ?? u.id;
}

/** An address linked to its page, with who the registry says it is on the alert's chain. */
export function PartyCell({ party, chainId }: { party: CaseParty | null; chainId: number }) {
  if (!party) return <span className="text-slate-500">—</span>;
  const attribution = [party.entityName, party.country ? formatCountry(party.country) : null, party.label]
    .filter(Boolean)
    .join(" · ");
  return (
    <span className="flex flex-col">
      <Link
        href={`/addresses/${party.address}?chain=${chainId}`}
        className="font-mono text-xs text-sky-800 hover:underline"
        title={party.address}
      >
        {shortHex(party.address)}
      </Link>
      <span className="text-xs text-slate-600">
        {party.address === zeroAddress ? "mint/burn" : attribution || "unattributed"}
      </span>
    </span>
  );
}

/** One labelled fact in a <dl>. */
export function Fact({
  label,
  children,
  testId,
  className,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  return (
    <div className={cn("min-w-0", className)}>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-words text-slate-900" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
