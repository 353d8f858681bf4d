// Ids and titles shared by each governance widget and its skeleton, and the role-history table's
// URL defaults (not in the "use client" table module: a server component importing a constant from
// there gets a client reference, not the value).
export const GOVERNANCE_CARDS = {
  control: { id: "governance-control", title: "Who controls the token" },
  holders: { id: "governance-role-holders", title: "Current holders of the governor's roles" },
  history: { id: "governance-role-history", title: "Role grants and revocations" },
} as const;

/** URL prefix and defaults shared by the page's parser and the client table (keep them equal). */
export const ROLE_EVENTS_TABLE = {
  prefix: "roles",
  defaultSort: { id: "time", desc: true },
  defaultSize: 10,
} as const;

export const ROLE_EVENT_SORTS = ["time"] as const;
