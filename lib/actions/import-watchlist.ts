"use server";

import { revalidatePath } from "next/cache";
import { getDbHandle } from "@/db";
import { importWatchlistFile, type WatchlistImportOutcome } from "@/db/queries/watchlists";
import { env } from "@/lib/env.js";
import { AppError } from "@/lib/errors";
import { formatCount } from "@/lib/format";
import { createLogger } from "@/lib/logger";
import { applyListsToHistory } from "@/lib/monitoring/lists/apply-to-history";
import { importWatchlistFormSchema, MAX_LIST_BYTES } from "@/lib/validators/watchlists";
import { actorOf, safeAction } from "./safe-action";
import { historyNote, uploadName } from "@/lib/monitoring/lists/messages";

const log = createLogger("web-actions", env.LOG_LEVEL);

/**
 * Admin or compliance officer imports a sanctions / high-risk list (plain CSV or OFAC sdn.xml).
 * Any bad row refuses the whole file with every row error and nothing changes; a good file
 * replaces the list's entries in one audited transaction, then R1 is re-run over history.
 */
export const importWatchlist = safeAction({
  name: "import-watchlist",
  input: importWatchlistFormSchema,
  handler: async (
    { file, name, format },
    ctx,
  ): Promise<{ data: WatchlistImportOutcome; message: string }> => {
    const actor = actorOf(ctx);
    if (file.size > MAX_LIST_BYTES) {
      throw new AppError("bad_request", `The file is larger than ${MAX_LIST_BYTES / 1024 / 1024} MB.`);
    }
    const outcome = await importWatchlistFile(ctx.db, {
      bytes: new Uint8Array(await file.arrayBuffer()),
      fileName: uploadName(file),
      format,
      name,
      actor: { id: actor.userId, email: actor.email, role: actor.role },
      ip: ctx.request.ip,
      userAgent: ctx.request.userAgent,
    });
    if (outcome.status === "rejected") {
      return {
        data: outcome,
        message: `Nothing was imported: ${formatCount(outcome.errorCount, "error")} in ${outcome.fileName}. Fix them and upload the file again.`,
      };
    }
    const lists = outcome.lists
      .map((l) => `${l.name}: ${formatCount(l.entries, "entry", "entries")} (replacing ${l.replaced})`)
      .join("; ");
    const skipped = outcome.lists[0]?.skipped ?? 0;
    let history: string;
    try {
      history = historyNote(await applyListsToHistory(await getDbHandle()));
    } catch (err) {
      log.error({ err }, "R1 rebuild after a list import failed");
      history = "Re-checking history failed (logged): run `npm run monitor -- --rebuild --rule R1`.";
    }
    revalidatePath("/lists");
    revalidatePath("/alerts");
    return {
      data: outcome,
      message: `Imported ${lists}${skipped ? `; ${formatCount(skipped, "non-EVM id")} skipped` : ""}. ${history}`,
    };
  },
});
