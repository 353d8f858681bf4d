// The FIU's goAML XSD as installed by a compliance officer: each upload a new row (the newest is
// in force, the older ones are the history), recorded with its SHA-256, size, version and
// uploader, and audited in the same transaction. Without one, the built-in 5.0.1 schema judges.
import { desc } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { goamlSchemas } from "../schema/goaml";
import { recordAudit, type AuditActor } from "./audit";
import { AppError } from "@/lib/errors";
import {
  builtInSchema,
  checkSchemaCompiles,
  sha256Hex,
  type GoamlSchema,
} from "@/lib/reports/goaml/validate";
import { CODE_LIST_KEYS, readXsd } from "@/lib/reports/goaml/xsd";

/** Real goAML XSDs are a few hundred KiB; anything far larger is not one. */
export const GOAML_SCHEMA_MAX_BYTES = 5 * 1024 * 1024;

/** The schema every STR is validated against: the newest installed, else the built-in one. */
export async function getGoamlSchema(db: Db | Tx): Promise<GoamlSchema> {
  const [row] = await db
    .select()
    .from(goamlSchemas)
    .orderBy(desc(goamlSchemas.uploadedAt), desc(goamlSchemas.id))
    .limit(1);
  if (!row) return builtInSchema();
  return {
    source: "installed",
    id: row.id,
    fileName: row.fileName,
    sha256: row.sha256,
    version: row.schemaVersion,
    content: row.content,
  };
}

export type GoamlSchemaHistoryRow = {
  id: number;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  schemaVersion: string | null;
  uploadedByEmail: string;
  uploadedAt: Date;
};

/** Every installed schema, newest (in force) first, without the file's text. */
export async function listGoamlSchemas(db: Db): Promise<GoamlSchemaHistoryRow[]> {
  return db
    .select({
      id: goamlSchemas.id,
      fileName: goamlSchemas.fileName,
      sha256: goamlSchemas.sha256,
      sizeBytes: goamlSchemas.sizeBytes,
      schemaVersion: goamlSchemas.schemaVersion,
      uploadedByEmail: goamlSchemas.uploadedByEmail,
      uploadedAt: goamlSchemas.uploadedAt,
    })
    .from(goamlSchemas)
    .orderBy(desc(goamlSchemas.uploadedAt), desc(goamlSchemas.id));
}

export type InstallGoamlSchemaParams = {
  fileName: string;
  bytes: Uint8Array;
  actor: AuditActor;
  ip?: string | null;
  userAgent?: string | null;
};

/**
 * Checks an uploaded XSD (UTF-8, an XML Schema with a global unqualified <report>, compiles) and
 * installs it. Refusals are bad_request with the reason; nothing is stored then.
 */
export async function installGoamlSchema(
  db: Db,
  p: InstallGoamlSchemaParams,
): Promise<GoamlSchemaHistoryRow> {
  if (p.bytes.byteLength === 0) throw new AppError("bad_request", "The file is empty.");
  if (p.bytes.byteLength > GOAML_SCHEMA_MAX_BYTES) {
    throw new AppError(
      "bad_request",
      `The file is ${p.bytes.byteLength} bytes; a goAML XSD is at most ${GOAML_SCHEMA_MAX_BYTES}.`,
    );
  }
  let content: string;
  try {
    content = new TextDecoder("utf-8", { fatal: true }).decode(p.bytes).replace(/^\uFEFF/, "");
  } catch {
    throw new AppError("bad_request", "The file is not UTF-8 text.");
  }
  const facts = readXsd(content);
  await checkSchemaCompiles(content);
  const sha256 = sha256Hex(Buffer.from(p.bytes));
  const fileName = p.fileName.replace(/[^\w.() -]/g, "_").slice(0, 255) || "schema.xsd";
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(goamlSchemas)
      .values({
        fileName,
        sha256,
        sizeBytes: p.bytes.byteLength,
        schemaVersion: facts.version,
        content,
        uploadedBy: p.actor.id,
        uploadedByEmail: p.actor.email,
      })
      .returning();
    if (!row) throw new AppError("internal", "the schema was not stored");
    await recordAudit(tx, {
      action: "settings.goaml_schema",
      actor: p.actor,
      target: fileName,
      params: {
        id: row.id,
        fileName,
        sizeBytes: row.sizeBytes,
        schemaVersion: facts.version,
        codeLists: Object.fromEntries(CODE_LIST_KEYS.map((k) => [k, facts.codeLists[k]?.length ?? null])),
      },
      ip: p.ip ?? null,
      userAgent: p.userAgent ?? null,
      checksum: sha256,
    });
    return {
      id: row.id,
      fileName: row.fileName,
      sha256: row.sha256,
      sizeBytes: row.sizeBytes,
      schemaVersion: row.schemaVersion,
      uploadedByEmail: row.uploadedByEmail,
      uploadedAt: row.uploadedAt,
    };
  });
}
