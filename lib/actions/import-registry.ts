"use server";

import { revalidatePath } from "next/cache";
import { importRegistryFile, type RegistryImportOutcome } from "@/lib/registry/import-file";
import { AppError } from "@/lib/errors";
import { importRegistrySchema, MAX_IMPORT_BYTES } from "@/lib/validators/registry";
import { actorOf, safeAction } from "./safe-action";

/**
 * Admin imports entities and addresses from a CSV file (README "Registry CSV import"). Any bad row
 * rejects the whole file with every row error, and nothing changes; a good file is applied in one
 * transaction with the rollup rebuild and the audit entry (row counts, SHA-256 of the file).
 */
export const importRegistry = safeAction({
  name: "import-registry",
  input: importRegistrySchema,
  handler: async ({ file }, ctx): Promise<{ data: RegistryImportOutcome; message: string }> => {
    const actor = actorOf(ctx);
    if (file.size > MAX_IMPORT_BYTES) {
      throw new AppError("bad_request", `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
    }
    const { outcome, message } = await importRegistryFile(ctx.db, {
      bytes: new Uint8Array(await file.arrayBuffer()),
      fileName: fileNameOf(file),
      actor: { id: actor.userId, email: actor.email, role: actor.role },
      ip: ctx.request.ip,
      userAgent: ctx.request.userAgent,
    });
    if (outcome.status === "applied") revalidatePath("/registry");
    return { data: outcome, message };
  },
});

/** The browser's file name is user input: keep it short and printable. */
function fileNameOf(file: Blob): string {
  const raw = file instanceof File ? file.name : "";
  const clean = raw
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, 200);
  return clean || "upload.csv";
}
