"use server";

import { revalidatePath } from "next/cache";
import { enterNativeSupply as enter } from "@/db/queries/reserves-manual";
import { formatUsd1 } from "@/lib/format";
import { ENTERED_CHAIN_LABELS } from "@/lib/reserves/chains";
import { enterSupplySchema } from "@/lib/validators/reserves";
import { actorOf, safeAction } from "./safe-action";

/** Native supply on a chain the indexer cannot read (Tron, Solana, Aptos), with its source; audited. */
export const enterNativeSupply = safeAction({
  name: "enter-native-supply",
  input: enterSupplySchema,
  handler: async (input, ctx) => {
    const actor = actorOf(ctx);
    const r = await enter(ctx.db, {
      chain: input.chain,
      supplyWei: input.supply,
      asOf: input.asOf,
      source: input.source,
      actor: { id: actor.userId, email: actor.email, role: actor.role },
      ip: ctx.request.ip,
      userAgent: ctx.request.userAgent,
    });
    revalidatePath("/reserves");
    revalidatePath("/overview");
    return {
      data: r,
      message: `Entered ${formatUsd1(input.supply)} on ${ENTERED_CHAIN_LABELS[input.chain]} as of ${input.asOf}.`,
    };
  },
});
