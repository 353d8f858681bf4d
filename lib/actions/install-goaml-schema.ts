"use server";

import { revalidatePath } from "next/cache";
import { installGoamlSchema as storeGoamlSchema } from "@/db/queries/goaml-schemas";
import { installGoamlSchemaFormSchema } from "@/lib/validators/settings";
import { actorOf, safeAction } from "./safe-action";

/**
 * Compliance officer installs the FMU's goAML XSD: checked (UTF-8, a goAML report schema without
 * a namespace, compiles), stored with its SHA-256 and audited; from then on every STR is validated
 * against it and the settings offer its code lists. A refusal says why; nothing is stored then.
 */
export const installGoamlSchema = safeAction({
  name: "install-goaml-schema",
  input: installGoamlSchemaFormSchema,
  handler: async ({ file }, ctx) => {
    const actor = actorOf(ctx);
    const row = await storeGoamlSchema(ctx.db, {
      fileName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
      actor: { id: actor.userId, email: actor.email, role: actor.role },
      ip: ctx.request.ip,
      userAgent: ctx.request.userAgent,
    });
    revalidatePath("/reports/goaml-settings");
    revalidatePath("/reports");
    return {
      data: { id: row.id, sha256: row.sha256 },
      message: `Installed ${row.fileName}${row.schemaVersion ? ` (version ${row.schemaVersion})` : ""}: reports are now validated against it, and the settings offer its code lists.`,
    };
  },
});
