// URL contract of the corridors table, shared by the server page (parseTableParams) and the
// client table (DataTable): kept out of the "use client" module so the server gets real values.
export const CORRIDOR_TABLE_PREFIX = "c";
export const CORRIDOR_SORTS = ["adjusted", "count", "ticket", "excluded", "fees", "origin"] as const;
export type CorridorSortId = (typeof CORRIDOR_SORTS)[number];
export const CORRIDOR_DEFAULT_SORT = { id: "adjusted" as CorridorSortId, desc: true };
