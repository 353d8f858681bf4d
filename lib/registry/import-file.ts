// The registry CSV import from bytes to outcome, apart from the server action so it can be tested
// against a real database: validate the whole file, then apply it, rebuild the rollups and audit
// in one transaction. A rejected file changes nothing but is audited (who tried which file).
import { createHash } from "node:crypto";
import type { Db } from "@/db/client";
import { recordAudit, type AuditActor } from "@/db/queries/audit";
import {
  applyRegistryImport,
  inRegistryTransaction,
  type RegistryImportCounts,
} from "@/db/queries/registry-edit";
import { formatCount } from "@/lib/format";
import { parseRegistryCsvBytes, type ImportRowError } from "@/lib/validators/registry-csv";

export type RegistryImportOutcome =
  | { status: "applied"; fileName: string; sha256: string; counts: RegistryImportCounts }
  | {
      status: "rejected";
      fileName: string;
      sha256: string;
      /** Every error up to MAX_REPORTED_ERRORS; `errorCount` is the full count. */
      errors: ImportRowError[];
      errorCount: number;
      rowCount: number;
    };

export type ImportRegistryFileParams = {
  bytes: Uint8Array;
  fileName: string;
  actor: AuditActor;
  ip?: string | null;
  userAgent?: string | null;
};

export async function importRegistryFile(
  db: Db,
  p: ImportRegistryFileParams,
): Promise<{ outcome: RegistryImportOutcome; message: string }> {
  const sha256 = createHash("sha256").update(p.bytes).digest("hex");
  const audit = { actor: p.actor, target: p.fileName, checksum: sha256, ip: p.ip, userAgent: p.userAgent };
  const parsed = parseRegistryCsvBytes(p.bytes);
  if (!parsed.ok) {
    await recordAudit(db, {
      ...audit,
      action: "registry.import",
      params: {
        outcome: "rejected",
        bytes: p.bytes.byteLength,
        rowCount: parsed.rowCount,
        errorCount: parsed.errorCount,
      },
    });
    const rows = new Set(parsed.errors.map((e) => e.row)).size;
    return {
      outcome: { status: "rejected", fileName: p.fileName, sha256, ...parsed },
      message:
        `Nothing was imported: ${formatCount(parsed.errorCount, "error")} in ` +
        `${formatCount(rows, "row")} of ${p.fileName}. Fix them and upload the file again.`,
    };
  }
  const counts = await inRegistryTransaction(db, { rebuildRollups: true }, async (tx) => {
    const applied = await applyRegistryImport(tx, parsed.rows);
    await recordAudit(tx, {
      ...audit,
      action: "registry.import",
      params: { outcome: "applied", bytes: p.bytes.byteLength, ...applied },
    });
    return applied;
  });
  return {
    outcome: { status: "applied", fileName: p.fileName, sha256, counts },
    message:
      `Imported ${formatCount(counts.rows, "row")} from ${p.fileName}: ` +
      `${formatCount(counts.entitiesCreated, "entity", "entities")} created, ${counts.entitiesUpdated} updated; ` +
      `${formatCount(counts.addressesCreated, "address", "addresses")} created, ${counts.addressesUpdated} updated.`,
  };
}
