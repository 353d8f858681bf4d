import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** Frontend messages after which the backend answers and the group may end. */
const GROUP_END = new Set(["S", "Q", "H", "X"].map((c) => c.charCodeAt(0)));

type Conn = { id: number; socket: net.Socket; buf: Buffer; pending: Buffer[]; started: boolean };
type Job = { conn: Conn; messages: Buffer[] };

/**
 * Serves one PGlite over the Postgres wire protocol to many clients. PGlite is a single session,
 * so we multiplex it: each client's messages run as whole groups (everything up to Sync or a
 * simple Query), never interleaved with another client's (else one client's Bind meets another's
 * Parse: "unnamed prepared statement does not exist"); and while a client holds an open
 * transaction only that client's groups run, so the indexer's batch transactions stay atomic
 * and invisible to the web's reads until commit.
 */
export class PgliteWireServer {
  private server: net.Server | undefined;
  private readonly queue: Job[] = [];
  private running = false;
  private owner: Conn | undefined;
  private nextId = 1;
  private readonly conns = new Set<Conn>();

  constructor(private readonly db: PGlite) {}

  async listen(port: number, host = "127.0.0.1"): Promise<number> {
    this.server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      this.server?.once("error", reject);
      this.server?.listen(port, host, () => resolve());
    });
    return (this.server.address() as net.AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const c of this.conns) c.socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(socket: net.Socket): void {
    socket.setNoDelay(true);
    const conn: Conn = { id: this.nextId++, socket, buf: Buffer.alloc(0), pending: [], started: false };
    this.conns.add(conn);
    socket.on("data", (d) => {
      conn.buf = Buffer.concat([conn.buf, d]);
      this.parse(conn);
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => void this.drop(conn));
  }

  /** Splits the byte stream into messages and queues each complete group. */
  private parse(conn: Conn): void {
    for (;;) {
      if (!conn.started) {
        if (conn.buf.length < 8) return;
        const len = conn.buf.readInt32BE(0);
        if (conn.buf.length < len) return;
        const code = conn.buf.readInt32BE(4);
        const msg = conn.buf.subarray(0, len);
        conn.buf = conn.buf.subarray(len);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          conn.socket.write("N");
          continue;
        }
        if (code === CANCEL_REQUEST) {
          conn.socket.destroy();
          return;
        }
        conn.started = true;
        this.enqueue({ conn, messages: [Buffer.from(msg)] });
        continue;
      }
      if (conn.buf.length < 5) return;
      const len = conn.buf.readInt32BE(1) + 1;
      if (conn.buf.length < len) return;
      const type = conn.buf[0] as number;
      conn.pending.push(Buffer.from(conn.buf.subarray(0, len)));
      conn.buf = conn.buf.subarray(len);
      if (type === "X".charCodeAt(0)) {
        conn.pending = [];
        conn.socket.end();
        return;
      }
      if (GROUP_END.has(type)) {
        this.enqueue({ conn, messages: conn.pending });
        conn.pending = [];
      }
    }
  }

  private enqueue(job: Job): void {
    this.queue.push(job);
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const i = this.owner ? this.queue.findIndex((j) => j.conn === this.owner) : 0;
        if (i < 0 || this.queue.length === 0) return;
        const [job] = this.queue.splice(i, 1);
        if (!job || job.conn.socket.destroyed) continue;
        await this.db.runExclusive(async () => {
          for (const m of job.messages) {
            const out = await this.db.execProtocolRaw(new Uint8Array(m));
            if (out.length > 0 && !job.conn.socket.destroyed) job.conn.socket.write(out);
          }
        });
        this.owner = this.db.isInTransaction() ? job.conn : undefined;
      }
    } finally {
      this.running = false;
    }
  }

  /** A client gone mid-transaction must not leave PGlite inside its transaction. */
  private async drop(conn: Conn): Promise<void> {
    this.conns.delete(conn);
    for (let i = this.queue.length - 1; i >= 0; i--)
      if (this.queue[i]?.conn === conn) this.queue.splice(i, 1);
    if (this.owner === conn) {
      this.owner = undefined;
      if (this.db.isInTransaction()) await this.db.exec("rollback");
    }
    void this.pump();
  }
}
