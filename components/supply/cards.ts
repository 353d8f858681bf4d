/** Ids and titles shared by each supply widget and its skeleton, so the frame does not jump. */
export const SUPPLY_CARDS = {
  summary: { id: "supply-summary", title: "Outstanding supply and net issuance" },
  history: { id: "supply-history", title: "Outstanding supply over time" },
  issuance: { id: "supply-daily-issuance", title: "Daily minted and burned (issuance)" },
  reconciliation: { id: "supply-reconciliation", title: "Reconciliation with on-chain totalSupply()" },
  holdings: { id: "supply-holdings", title: "Held by the treasury and bridge pools" },
  concentration: { id: "supply-concentration", title: "Concentration of holdings" },
  events: { id: "supply-admin-events", title: "Admin events" },
} as const;

/** What every supply widget needs from the URL (validated by the page). */
export type SupplyWidgetParams = {
  chainId: number | undefined;
  /** PKR per USD from env.PKR_PER_USD, when configured. */
  pkr: string | undefined;
};
