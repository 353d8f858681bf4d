"use server";

import { revalidatePath } from "next/cache";
import { enterAttestation } from "@/db/queries/reserves-manual";
import { formatUsd1 } from "@/lib/format";
import { enterAttestationSchema } from "@/lib/validators/reserves";
import { actorOf, safeAction } from "./safe-action";

/**
 * A compliance officer types a custodian attestation (figure, as-of day, report, SHA-256); audited.
 * It counts in the collateral ratio only once another officer confirms it.
 */
export const enterReserveAttestation = safeAction({
  name: "enter-reserve-attestation",
  input: enterAttestationSchema,
  handler: async (input, ctx) => {
    const actor = actorOf(ctx);
    const r = await enterAttestation(ctx.db, {
      reservesWei: input.reserves,
      asOf: input.asOf,
      custodian: input.custodian,
      reportName: input.reportName,
      reportSha256: input.reportSha256,
      actor: { id: actor.userId, email: actor.email, role: actor.role },
      ip: ctx.request.ip,
      userAgent: ctx.request.userAgent,
    });
    revalidatePath("/reserves");
    return {
      data: r,
      message: `Entered attestation ${r.id} (${formatUsd1(input.reserves)} as of ${input.asOf}); another compliance officer must confirm it before it counts.`,
    };
  },
});
