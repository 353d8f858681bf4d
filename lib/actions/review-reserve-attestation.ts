"use server";

import { revalidatePath } from "next/cache";
import { reviewAttestation } from "@/db/queries/reserves-manual";
import { reviewAttestationSchema } from "@/lib/validators/reserves";
import { actorOf, safeAction } from "./safe-action";

/** Four eyes: a second compliance officer (not the one who entered it) confirms or rejects. */
export const reviewReserveAttestation = safeAction({
  name: "review-reserve-attestation",
  input: reviewAttestationSchema,
  handler: async (input, ctx) => {
    const actor = actorOf(ctx);
    const r = await reviewAttestation(ctx.db, {
      id: input.id,
      decision: input.decision,
      reason: input.reason,
      actor: { id: actor.userId, email: actor.email, role: actor.role },
      ip: ctx.request.ip,
      userAgent: ctx.request.userAgent,
    });
    revalidatePath("/reserves");
    revalidatePath("/overview");
    return {
      data: { id: r.id },
      message:
        input.decision === "confirm"
          ? `Confirmed attestation ${r.id} as of ${r.asOf}: it now counts in the collateral ratio.`
          : `Rejected attestation ${r.id}.`,
    };
  },
});
