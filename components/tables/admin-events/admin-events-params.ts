// Not in the "use client" table module: a server component importing a constant from there gets
// a client reference, not the value.
/** URL prefix and defaults shared by the page's parser and the client table (keep them equal). */
export const ADMIN_EVENTS_TABLE = {
  prefix: "events",
  defaultSort: { id: "time", desc: true },
  defaultSize: 10,
} as const;
