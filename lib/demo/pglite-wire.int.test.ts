import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { PgliteWireServer } from "./pglite-wire";

let db: PGlite;
let server: PgliteWireServer;
let url: string;

beforeAll(async () => {
  db = await PGlite.create();
  await db.exec("create table t (id int primary key, v text not null)");
  server = new PgliteWireServer(db);
  url = `postgres://postgres@127.0.0.1:${await server.listen(0)}/postgres`;
});

afterAll(async () => {
  await server.close();
  await db.close();
});

describe("PGlite over the Postgres wire protocol, many clients", () => {
  it("runs concurrent parameterized queries from several connections without mixing them", async () => {
    const pool = new pg.Pool({ connectionString: url, max: 6 });
    try {
      const results = await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          pool.query<{ n: number; s: string }>("select $1::int * 2 as n, $2::text as s", [i, `q${i}`]),
        ),
      );
      results.forEach((r, i) => expect(r.rows).toEqual([{ n: i * 2, s: `q${i}` }]));
    } finally {
      await pool.end();
    }
  });

  it("keeps an open transaction to its client: others neither see its rows nor slip into it", async () => {
    const a = new pg.Client({ connectionString: url });
    const b = new pg.Client({ connectionString: url });
    await a.connect();
    await b.connect();
    try {
      await a.query("begin");
      await a.query("insert into t values ($1, $2)", [1, "uncommitted"]);
      const bRead = b.query<{ n: string }>("select count(*)::text as n from t");
      // b waits for a's transaction to finish; a can still work meanwhile.
      await a.query("insert into t values ($1, $2)", [2, "also uncommitted"]);
      await a.query("commit");
      expect((await bRead).rows[0]?.n).toBe("2");
    } finally {
      await a.end();
      await b.end();
    }
  });

  it("rolls back the transaction of a client that disconnects in the middle of it", async () => {
    const a = new pg.Client({ connectionString: url });
    a.on("error", () => {}); // we cut its connection on purpose
    await a.connect();
    await a.query("begin");
    await a.query("insert into t values ($1, $2)", [3, "lost"]);
    a.connection.stream.destroy();
    const b = new pg.Client({ connectionString: url });
    await b.connect();
    try {
      const r = await b.query<{ ids: number[] }>("select array_agg(id order by id) as ids from t");
      expect(r.rows[0]?.ids).toEqual([1, 2]);
    } finally {
      await b.end();
    }
  });
});
