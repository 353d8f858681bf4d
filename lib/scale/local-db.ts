const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]", ""]);

/** True for a database on this machine (loopback host or a Unix socket). */
export function isLocalDatabaseUrl(url: string): boolean {
  const u = new URL(url);
  const host = u.hostname || u.searchParams.get("host") || "";
  return LOCAL_HOSTS.has(host) || host.startsWith("/") || host.startsWith("127.");
}

/**
 * The scale scripts write millions of rows: they refuse a database elsewhere unless forced, so a
 * stray DATABASE_URL never fills a shared or production server.
 */
export function assertLocalDatabase(url: string, force: boolean): void {
  if (force || isLocalDatabaseUrl(url)) return;
  throw new Error(
    `refusing ${new URL(url).hostname}: not a local database (pass --force to write to it anyway)`,
  );
}
