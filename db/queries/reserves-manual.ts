// Reserves and supply typed in by compliance officers (db/schema/reserves-manual.ts): entering an
// attestation, the second officer's confirmation or rejection, entered native supply, and the
// lists the Reserves & peg page shows. Every write is audited in the same transaction.
import { desc, eq } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { enteredSupply, reserveAttestations } from "../schema/reserves-manual";
import { recordAudit, type AuditActor } from "./audit";
import { AppError } from "@/lib/errors";
import type { EnteredSupplyChain } from "@/lib/reserves/chains";

type Writer = Db | Tx;

export type ManualWriteMeta = { actor: AuditActor; ip?: string | null; userAgent?: string | null };

export const FOUR_EYES_ATTESTATION =
  "Four eyes: you entered this attestation; another compliance officer must confirm or reject it.";

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  return e?.code === "23505" || e?.cause?.code === "23505";
}

export type EnterAttestationParams = ManualWriteMeta & {
  reservesWei: bigint;
  asOf: string;
  custodian: string;
  reportName: string;
  reportSha256: string;
};

export async function enterAttestation(db: Db, p: EnterAttestationParams): Promise<{ id: number }> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(reserveAttestations)
        .values({
          reservesWei: p.reservesWei,
          asOf: p.asOf,
          custodian: p.custodian,
          reportName: p.reportName,
          reportSha256: p.reportSha256,
          enteredBy: p.actor.id,
          enteredByEmail: p.actor.email,
        })
        .returning({ id: reserveAttestations.id });
      if (!row) throw new Error("insert returned no row");
      await recordAudit(tx, {
        action: "reserves.attestation_enter",
        actor: p.actor,
        target: `attestation:${row.id}`,
        checksum: p.reportSha256,
        params: {
          reservesWei: p.reservesWei.toString(),
          asOf: p.asOf,
          custodian: p.custodian,
          reportName: p.reportName,
        },
        ip: p.ip,
        userAgent: p.userAgent,
      });
      return { id: row.id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError(
        "conflict",
        "This report (same SHA-256) is already entered; reject that entry first.",
      );
    }
    throw err;
  }
}

export type ReviewAttestationParams = ManualWriteMeta & {
  id: number;
  decision: "confirm" | "reject";
  reason: string;
};

/** The second officer's decision; the one who entered the figure may not make it. */
export async function reviewAttestation(
  db: Db,
  p: ReviewAttestationParams,
): Promise<{ id: number; asOf: string; reservesWei: bigint }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(reserveAttestations)
      .where(eq(reserveAttestations.id, p.id))
      .for("update");
    if (!row) throw new AppError("not_found", "There is no such attestation entry.");
    if (row.confirmedAt || row.rejectedAt) {
      throw new AppError(
        "conflict",
        `Attestation ${row.id} was already ${row.confirmedAt ? "confirmed" : "rejected"}.`,
      );
    }
    if (row.enteredBy === p.actor.id) throw new AppError("forbidden", FOUR_EYES_ATTESTATION);
    const now = new Date();
    await tx
      .update(reserveAttestations)
      .set(
        p.decision === "confirm"
          ? { confirmedBy: p.actor.id, confirmedByEmail: p.actor.email, confirmedAt: now }
          : {
              rejectedBy: p.actor.id,
              rejectedByEmail: p.actor.email,
              rejectedAt: now,
              rejectReason: p.reason,
            },
      )
      .where(eq(reserveAttestations.id, row.id));
    await recordAudit(tx, {
      action: p.decision === "confirm" ? "reserves.attestation_confirm" : "reserves.attestation_reject",
      actor: p.actor,
      target: `attestation:${row.id}`,
      checksum: row.reportSha256,
      params: {
        reservesWei: row.reservesWei.toString(),
        asOf: row.asOf,
        enteredBy: row.enteredByEmail,
        ...(p.decision === "reject" ? { reason: p.reason } : {}),
      },
      ip: p.ip,
      userAgent: p.userAgent,
    });
    return { id: row.id, asOf: row.asOf, reservesWei: row.reservesWei };
  });
}

export type EnterSupplyParams = ManualWriteMeta & {
  chain: EnteredSupplyChain;
  supplyWei: bigint;
  asOf: string;
  source: string;
};

export async function enterNativeSupply(db: Db, p: EnterSupplyParams): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(enteredSupply)
      .values({
        chain: p.chain,
        supplyWei: p.supplyWei,
        asOf: p.asOf,
        source: p.source,
        enteredBy: p.actor.id,
        enteredByEmail: p.actor.email,
      })
      .returning({ id: enteredSupply.id });
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, {
      action: "reserves.supply_enter",
      actor: p.actor,
      target: `entered_supply:${p.chain}`,
      params: { id: row.id, supplyWei: p.supplyWei.toString(), asOf: p.asOf, source: p.source },
      ip: p.ip,
      userAgent: p.userAgent,
    });
    return { id: row.id };
  });
}

export type AttestationRow = typeof reserveAttestations.$inferSelect;
export type EnteredSupplyRow = typeof enteredSupply.$inferSelect;

/** Newest first (as-of, then entry). */
export async function listAttestations(db: Writer, p: { limit?: number } = {}): Promise<AttestationRow[]> {
  return db
    .select()
    .from(reserveAttestations)
    .orderBy(desc(reserveAttestations.asOf), desc(reserveAttestations.id))
    .limit(p.limit ?? 50);
}

export async function listEnteredSupply(db: Writer, p: { limit?: number } = {}): Promise<EnteredSupplyRow[]> {
  return db
    .select()
    .from(enteredSupply)
    .orderBy(desc(enteredSupply.asOf), desc(enteredSupply.id))
    .limit(p.limit ?? 50);
}
