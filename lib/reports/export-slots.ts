// A table export through node-postgres holds one pooled connection for the whole download (a
// single COPY; db/queries/copy-out.ts), so a route caps how many run at once in this process and
// answers 429 beyond that, rather than letting slow downloads drain the pool the views need.
const DEFAULT_MAX = 2;

let running = 0;

/** A release function when a slot is free (call it once the export settles), else null. */
export function tryAcquireExportSlot(max = DEFAULT_MAX): (() => void) | null {
  if (running >= max) return null;
  running++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    running--;
  };
}
