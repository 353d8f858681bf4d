/** Ids and titles shared by each overview widget and its skeleton, so the frame does not jump. */
export const OVERVIEW_CARDS = {
  supply: { id: "supply", title: "Supply" },
  issuance: { id: "issuance", title: "Issuance" },
  collateral: { id: "collateral", title: "Reserves and peg" },
  corridors: { id: "corridors", title: "Top corridors (30 days)" },
  indexer: { id: "indexer", title: "Indexer status" },
} as const;
