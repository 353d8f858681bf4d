"use server";

import { revalidatePath } from "next/cache";
import { addAlertNote as insertNote } from "@/db/queries/alert-workflow";
import { addAlertNoteSchema } from "@/lib/validators/alert-case";
import { actorOf, safeAction } from "./safe-action";

/** Anyone who triages adds a note to a case (append-only; audited as alert.note). */
export const addAlertNote = safeAction({
  name: "add-alert-note",
  input: addAlertNoteSchema,
  handler: async ({ alertId, body }, ctx) => {
    const actor = actorOf(ctx);
    const note = await insertNote(ctx.db, {
      alertId,
      body,
      actor: { id: actor.userId, email: actor.email, role: actor.role },
      ip: ctx.request.ip,
      userAgent: ctx.request.userAgent,
    });
    revalidatePath("/alerts");
    revalidatePath(`/alerts/${alertId}`);
    return { data: { id: note.id }, message: "Note added." };
  },
});
