"use server";

import { revalidatePath } from "next/cache";
import { getDbHandle } from "@/db";
import { retireWatchlist as retire } from "@/db/queries/watchlists";
import { env } from "@/lib/env.js";
import { formatCount } from "@/lib/format";
import { createLogger } from "@/lib/logger";
import { applyListsToHistory } from "@/lib/monitoring/lists/apply-to-history";
import { retireWatchlistSchema } from "@/lib/validators/watchlists";
import { actorOf, safeAction } from "./safe-action";
import { historyNote } from "@/lib/monitoring/lists/messages";

const log = createLogger("web-actions", env.LOG_LEVEL);

/**
 * Retires a list (reason required, audited): its entries stop matching in R1 and R1 is re-run
 * over history, which withdraws the untouched alerts only this list raised.
 */
export const retireWatchlist = safeAction({
  name: "retire-watchlist",
  input: retireWatchlistSchema,
  handler: async ({ id, reason }, ctx) => {
    const actor = actorOf(ctx);
    const r = await retire(ctx.db, {
      id,
      reason,
      actor: { id: actor.userId, email: actor.email, role: actor.role },
      ip: ctx.request.ip,
      userAgent: ctx.request.userAgent,
    });
    let history: string;
    try {
      history = historyNote(await applyListsToHistory(await getDbHandle()));
    } catch (err) {
      log.error({ err }, "R1 rebuild after a list retirement failed");
      history = "Re-checking history failed (logged): run `npm run monitor -- --rebuild --rule R1`.";
    }
    revalidatePath("/lists");
    revalidatePath("/alerts");
    return {
      data: r,
      message: `Retired ${r.name}: ${formatCount(r.removed, "entry", "entries")} no longer match. ${history}`,
    };
  },
});
