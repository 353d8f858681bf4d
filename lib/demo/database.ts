import fs from "node:fs";
import path from "node:path";
import { openDb, type DbHandle } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { PgliteWireServer } from "./pglite-wire";

export type EmbeddedPostgres = {
  /** Direct PGlite handle: use only before `serve()`; afterwards every writer goes through the socket. */
  direct: DbHandle;
  /** Starts the Postgres-wire server; returns its postgres:// URL. */
  serve: (port?: number) => Promise<string>;
  stop: () => Promise<void>;
};

/**
 * The demo process owns PGlite and serves it over the Postgres wire protocol. Why this design:
 * the web server and the indexer then talk to PGlite exactly as they talk to Postgres in
 * production (one code path), and PGlite stays in one process (two processes on one data
 * folder silently lose writes). Our multiplexer (pglite-wire.ts) keeps each client's protocol
 * groups and open transactions together, so nothing interleaves.
 */
export async function startEmbeddedPostgres(p: {
  dataDir: string;
  fresh: boolean;
}): Promise<EmbeddedPostgres> {
  const dir = path.resolve(p.dataDir);
  if (p.fresh) fs.rmSync(dir, { recursive: true, force: true });
  const direct = await openDb({ pgliteDir: dir });
  await migrateDb(direct);
  let server: PgliteWireServer | undefined;
  return {
    direct,
    serve: async (port = 0) => {
      const pglite = direct.pglite;
      if (!pglite) throw new Error("embedded database is not PGlite");
      server = new PgliteWireServer(pglite);
      const bound = await server.listen(port);
      return `postgres://postgres@127.0.0.1:${bound}/postgres?sslmode=disable`;
    },
    stop: async () => {
      await server?.close();
      await direct.close();
    },
  };
}
