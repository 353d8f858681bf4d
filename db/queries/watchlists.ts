// Imported sanctions and high-risk lists (lib/monitoring/lists): import a file, retire a list, and
// what the Lists page shows. An import is checked whole before anything is written; a good file
// is applied in one transaction per file (list row, entries replaced, history row, audit row).
import { createHash } from "node:crypto";
import { asc, count, desc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { watchlistEntries } from "../schema/monitoring";
import { watchlistImports, watchlists } from "../schema/watchlists";
import { recordAudit, type AuditActor } from "./audit";
import { AppError } from "@/lib/errors";
import { parseListFile } from "@/lib/monitoring/lists/parse-file";
import type { ListRowError, ParsedList } from "@/lib/monitoring/lists/types";
import { toWatchlistCsv } from "@/lib/monitoring/watchlist-csv";
import type { WatchlistRow } from "@/lib/validators/monitoring";
import type { WatchlistFormat } from "@/lib/validators/watchlists";

type Writer = Db | Tx;

export type AppliedList = { id: number; name: string; entries: number; replaced: number; skipped: number };

export type WatchlistImportOutcome =
  | {
      status: "applied";
      fileName: string;
      sha256: string;
      format: WatchlistFormat;
      version: string | null;
      lists: AppliedList[];
    }
  | {
      status: "rejected";
      fileName: string;
      sha256: string;
      format: WatchlistFormat | null;
      /** At most MAX_REPORTED_ERRORS; `errorCount` is the full count. */
      errors: ListRowError[];
      errorCount: number;
    };

export type ImportWatchlistFileParams = {
  bytes: Uint8Array;
  fileName: string;
  format: WatchlistFormat | "auto";
  /** The list's name (a CSV without one takes its names from its list_name column). */
  name?: string;
  /** Null for the command line and the demo seed. */
  actor: AuditActor | null;
  ip?: string | null;
  userAgent?: string | null;
};

export async function importWatchlistFile(
  db: Db,
  p: ImportWatchlistFileParams,
): Promise<WatchlistImportOutcome> {
  const sha256 = createHash("sha256").update(p.bytes).digest("hex");
  const audit = { actor: p.actor, checksum: sha256, ip: p.ip, userAgent: p.userAgent };
  const parsed = parseListFile({ bytes: p.bytes, format: p.format, name: p.name });
  if (!parsed.ok) {
    // A refused file changes nothing but is on the record: who tried which file.
    await recordAudit(db, {
      ...audit,
      action: "watchlist.import",
      target: `watchlist:${p.name?.trim() || p.fileName}`,
      params: {
        outcome: "rejected",
        fileName: p.fileName,
        bytes: p.bytes.byteLength,
        errorCount: parsed.errorCount,
      },
    });
    const { format, errors, errorCount } = parsed;
    return { status: "rejected", fileName: p.fileName, sha256, format, errors, errorCount };
  }
  const lists = await db.transaction(async (tx) => {
    const out: AppliedList[] = [];
    for (const list of parsed.lists) {
      const applied = await replaceList(tx, {
        list,
        format: parsed.format,
        version: parsed.version,
        skipped: parsed.skipped,
        fileName: p.fileName,
        sha256,
        actor: p.actor,
      });
      await recordAudit(tx, {
        ...audit,
        action: "watchlist.import",
        target: `watchlist:${list.name}`,
        params: {
          outcome: "applied",
          fileName: p.fileName,
          bytes: p.bytes.byteLength,
          format: parsed.format,
          version: parsed.version,
          entries: applied.entries,
          replaced: applied.replaced,
          skipped: applied.skipped,
        },
      });
      out.push(applied);
    }
    return out;
  });
  return {
    status: "applied",
    fileName: p.fileName,
    sha256,
    format: parsed.format,
    version: parsed.version,
    lists,
  };
}

type ReplaceListParams = {
  list: ParsedList;
  format: WatchlistFormat;
  version: string | null;
  skipped: number;
  fileName: string;
  sha256: string;
  actor: AuditActor | null;
};

/** The list row (created, or brought back from retirement), its entries replaced, a history row. */
async function replaceList(tx: Tx, p: ReplaceListParams): Promise<AppliedList> {
  const current = {
    format: p.format,
    version: p.version,
    fileName: p.fileName,
    sha256: p.sha256,
    entryCount: p.list.entries.length,
    skippedCount: p.skipped,
    importedBy: p.actor?.id ?? null,
    importedByEmail: p.actor?.email ?? null,
  };
  const [row] = await tx
    .insert(watchlists)
    .values({ name: p.list.name, ...current })
    .onConflictDoUpdate({
      target: watchlists.name,
      set: {
        ...current,
        importedAt: sql`now()`,
        retiredAt: null,
        retiredBy: null,
        retiredByEmail: null,
        retireReason: null,
      },
    })
    .returning({ id: watchlists.id });
  const id = row!.id;
  const replaced = await deleteEntries(tx, id);
  for (let i = 0; i < p.list.entries.length; i += 1_000) {
    await tx.insert(watchlistEntries).values(
      p.list.entries.slice(i, i + 1_000).map((e) => ({
        watchlistId: id,
        listName: p.list.name,
        chainId: e.chainId,
        address: e.address,
        reference: e.reference,
        importedBy: p.actor?.id ?? null,
      })),
    );
  }
  await tx.insert(watchlistImports).values({
    watchlistId: id,
    format: p.format,
    version: p.version,
    fileName: p.fileName,
    sha256: p.sha256,
    entryCount: p.list.entries.length,
    skippedCount: p.skipped,
    replacedCount: replaced,
    importedBy: p.actor?.id ?? null,
    importedByEmail: p.actor?.email ?? null,
  });
  return { id, name: p.list.name, entries: p.list.entries.length, replaced, skipped: p.skipped };
}

async function deleteEntries(tx: Tx, watchlistId: number): Promise<number> {
  const [n] = await tx
    .select({ n: count() })
    .from(watchlistEntries)
    .where(eq(watchlistEntries.watchlistId, watchlistId));
  await tx.delete(watchlistEntries).where(eq(watchlistEntries.watchlistId, watchlistId));
  return n?.n ?? 0;
}

/**
 * Rows built in code (the demo seed, synthetic chains): written out as the plain CSV and imported
 * like any file, so they get a SHA-256 and a history row like an upload.
 */
export async function importWatchlistRows(
  db: Db,
  p: { rows: WatchlistRow[]; actor: AuditActor | null; source: string },
): Promise<WatchlistImportOutcome> {
  const outcome = await importWatchlistFile(db, {
    bytes: new TextEncoder().encode(toWatchlistCsv(p.rows)),
    fileName: p.source,
    format: "csv",
    actor: p.actor,
  });
  if (outcome.status === "rejected") {
    throw new Error(`list rows refused: ${outcome.errors.map((e) => `${e.where}: ${e.message}`).join("; ")}`);
  }
  return outcome;
}

export type RetireWatchlistParams = {
  id: number;
  reason: string;
  actor: AuditActor;
  ip?: string | null;
  userAgent?: string | null;
};

/**
 * Retires a list: its entries are deleted (R1 no longer matches them, from the next evaluation
 * on), the list row keeps what was in force (version, file, SHA-256, count) with who retired it,
 * when and why. Importing the name again brings it back.
 */
export async function retireWatchlist(
  db: Db,
  p: RetireWatchlistParams,
): Promise<{ name: string; removed: number }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(watchlists).where(eq(watchlists.id, p.id)).for("update");
    if (!row) throw new AppError("not_found", "There is no such list.");
    if (row.retiredAt) throw new AppError("conflict", `${row.name} was already retired.`);
    const removed = await deleteEntries(tx, row.id);
    await tx
      .update(watchlists)
      .set({
        retiredAt: sql`now()`,
        retiredBy: p.actor.id,
        retiredByEmail: p.actor.email,
        retireReason: p.reason,
      })
      .where(eq(watchlists.id, row.id));
    await recordAudit(tx, {
      action: "watchlist.retire",
      actor: p.actor,
      target: `watchlist:${row.name}`,
      checksum: row.sha256,
      params: { reason: p.reason, removedEntries: removed, version: row.version, fileName: row.fileName },
      ip: p.ip,
      userAgent: p.userAgent,
    });
    return { name: row.name, removed };
  });
}

export type WatchlistRowView = typeof watchlists.$inferSelect;

/** Every list, in force first, then by name. */
export async function listWatchlists(db: Writer): Promise<WatchlistRowView[]> {
  return db
    .select()
    .from(watchlists)
    .orderBy(sql`${watchlists.retiredAt} is not null`, asc(watchlists.name));
}

export type WatchlistDetail = {
  list: WatchlistRowView;
  imports: (typeof watchlistImports.$inferSelect)[];
  entries: { chainId: number | null; address: string; reference: string }[];
  entryTotal: number;
};

export type GetWatchlistParams = { id: number; page: number; pageSize: number };

/** One list with its import history (newest first) and a page of its entries (by address). */
export async function getWatchlist(db: Writer, p: GetWatchlistParams): Promise<WatchlistDetail | null> {
  const [list] = await db.select().from(watchlists).where(eq(watchlists.id, p.id));
  if (!list) return null;
  const imports = await db
    .select()
    .from(watchlistImports)
    .where(eq(watchlistImports.watchlistId, p.id))
    .orderBy(desc(watchlistImports.id));
  const entries = await db
    .select({
      chainId: watchlistEntries.chainId,
      address: watchlistEntries.address,
      reference: watchlistEntries.reference,
    })
    .from(watchlistEntries)
    .where(eq(watchlistEntries.watchlistId, p.id))
    .orderBy(asc(watchlistEntries.address), sql`${watchlistEntries.chainId} nulls first`)
    .limit(p.pageSize)
    .offset((p.page - 1) * p.pageSize);
  const [total] = await db
    .select({ n: count() })
    .from(watchlistEntries)
    .where(eq(watchlistEntries.watchlistId, p.id));
  return { list, imports, entries, entryTotal: total?.n ?? 0 };
}
