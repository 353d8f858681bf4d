/** Ids and titles shared by each address widget and its skeleton, so the frame does not jump. */
export const ADDRESS_CARDS = {
  identity: { id: "address-identity", title: "Registry and activity" },
  balance: { id: "address-balance", title: "Balance over time" },
  counterparties: { id: "address-counterparties", title: "Counterparties" },
  alerts: { id: "address-alerts", title: "Alerts involving this address" },
  adminEvents: { id: "address-admin-events", title: "Admin actions involving this address" },
} as const;
