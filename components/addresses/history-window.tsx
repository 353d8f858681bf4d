import Link from "next/link";
import type { Address } from "viem";
import { cn } from "@/components/ui/cn";
import type { Db } from "@/db/client";
import { getLatestWindow, LATEST_LEGS } from "@/db/queries/address-history";
import type { AddressWindow } from "@/db/queries/addresses";
import { formatDateTimeUtc, formatInt } from "@/lib/format";
import {
  ADDRESS_WINDOW_DAYS,
  ADDRESS_WINDOWS,
  windowSince,
  type AddressWindowChoice,
} from "@/lib/validators/address";

/** The window the history cards read, and how to say it. */
export type HistoryWindow = AddressWindow & {
  choice: AddressWindowChoice;
  /** Set for the latest-legs window: at most this many legs lie in it. */
  maxLegs: number | undefined;
  /** "the latest 1,000 transfers in or out (since 2026-11-26 06:17:24 UTC)", … */
  label: string;
};

const CHOICE_LABELS: Record<AddressWindowChoice, string> = {
  latest: `Latest ${formatInt(LATEST_LEGS)} transfers`,
  "7d": "7 days",
  "30d": "30 days",
  "90d": "90 days",
  "365d": "365 days",
  all: "Whole history (slower)",
};

/** The bounds of `choice` for this address; the latest-legs window asks the indexes where it starts. */
export async function resolveHistoryWindow(
  db: Db,
  {
    address,
    chainId,
    choice,
    now,
  }: { address: Address; chainId: number | undefined; choice: AddressWindowChoice; now: Date },
): Promise<HistoryWindow> {
  if (choice === "latest") {
    const w = await getLatestWindow(db, { address, chainId, latest: LATEST_LEGS });
    const label =
      w.since === null
        ? `the whole history (all ${formatInt(w.legs)} transfers in or out)`
        : `the latest ${formatInt(w.legs)} transfers in or out, since ${formatDateTimeUtc(w.since)}`;
    return { choice, since: w.since, until: null, maxLegs: LATEST_LEGS, label };
  }
  const days = ADDRESS_WINDOW_DAYS[choice];
  if (days === undefined)
    return { choice, since: null, until: null, maxLegs: undefined, label: "the whole history" };
  const since = windowSince(days, now);
  const label = `the last ${days} UTC days (since ${since.toISOString().slice(0, 10)})`;
  return { choice, since, until: null, maxLegs: undefined, label };
}

/**
 * Links to the other windows (the chain filter kept, the counterparties table back to page 1).
 * Server-rendered links: no client code.
 */
export function HistoryWindowPicker({
  address,
  chainId,
  current,
}: {
  address: Address;
  chainId: number | undefined;
  current: HistoryWindow;
}) {
  const href = (choice: AddressWindowChoice) => {
    const q = new URLSearchParams();
    if (chainId !== undefined) q.set("chain", String(chainId));
    if (choice !== "latest") q.set("window", choice);
    const s = q.toString();
    return `/addresses/${address}${s ? `?${s}` : ""}`;
  };
  return (
    <nav
      aria-label="History window"
      data-testid="address-window"
      className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm"
    >
      <span className="text-xs font-medium text-slate-600">Balance and counterparties over</span>
      <ul className="flex flex-wrap gap-1">
        {ADDRESS_WINDOWS.map((choice) => (
          <li key={choice}>
            <Link
              href={href(choice)}
              aria-current={choice === current.choice ? "true" : undefined}
              className={cn(
                "rounded border px-2 py-1",
                choice === current.choice
                  ? "border-slate-800 bg-slate-800 text-white"
                  : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
              )}
            >
              {CHOICE_LABELS[choice]}
            </Link>
          </li>
        ))}
      </ul>
      <span className="text-xs text-slate-600" data-testid="address-window-label">
        Showing {current.label}.
      </span>
    </nav>
  );
}
