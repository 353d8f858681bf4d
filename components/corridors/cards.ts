/** Ids and titles shared by each corridors widget and its skeleton, so the frame does not jump. */
export const CORRIDOR_CARDS = {
  summary: { id: "corridor-summary", title: "Adjusted corridor volume" },
  matrix: { id: "corridor-matrix", title: "Origin × destination (adjusted volume)" },
  table: { id: "corridor-table", title: "Corridors: counts, average ticket, exclusions and fees saved" },
  inbound: { id: "corridor-inbound", title: "Inbound by source country" },
  costs: { id: "corridor-costs", title: "How fees saved are estimated" },
} as const;
