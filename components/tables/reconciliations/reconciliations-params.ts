// Not in the "use client" table module: a server component importing a constant from there gets
// a client reference, not the value.
/** URL prefix and defaults shared by the page's parser and the client table (keep them equal). */
export const RECONCILIATIONS_TABLE = {
  prefix: "recon",
  defaultSort: { id: "checkedAt", desc: true },
  defaultSize: 10,
} as const;
