// Case decisions on Postgres: the four-eyes rule against the history, reasons, the row lock under
// two simultaneous moves, notes, and the exact audit rows each writes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import type { DbHandle } from "../client";
import { auditLog } from "../schema/audit";
import { alertHistory, alertNotes, alerts } from "../schema/monitoring";
import { CASE_USERS, insertCaseUsers, insertTestAlert } from "../testing/alert-case-fixture";
import { openTestDb, type TestDatabase } from "../testing/test-db";
import {
  addAlertNote,
  getLatestEscalator,
  transitionAlert,
  type TransitionAlertParams,
} from "./alert-workflow";
import { AppError } from "@/lib/errors";

let handle: DbHandle;
let database: TestDatabase;

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_test_alert_workflow"));
  await insertCaseUsers(handle.db);
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

type Who = keyof typeof CASE_USERS;

function move(alertId: number, who: Who, to: TransitionAlertParams["to"], reason = "") {
  return transitionAlert(handle.db, {
    alertId,
    to,
    reason,
    actor: CASE_USERS[who],
    ip: "10.0.0.7",
    userAgent: "vitest",
  });
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return { code: (err as AppError).code, message: (err as AppError).message };
}

async function state(alertId: number) {
  const [a] = await handle.db
    .select({ status: alerts.status, reason: alerts.statusReason, assignee: alerts.assignee })
    .from(alerts)
    .where(eq(alerts.id, alertId));
  const history = await handle.db
    .select({
      from: alertHistory.fromStatus,
      to: alertHistory.toStatus,
      actor: alertHistory.actor,
      reason: alertHistory.reason,
    })
    .from(alertHistory)
    .where(eq(alertHistory.alertId, alertId))
    .orderBy(asc(alertHistory.id));
  const audit = await handle.db
    .select({
      action: auditLog.action,
      actor: auditLog.actorUserId,
      email: auditLog.actorEmail,
      role: auditLog.actorRole,
      target: auditLog.target,
      params: auditLog.params,
      ip: auditLog.ip,
      userAgent: auditLog.userAgent,
    })
    .from(auditLog)
    .where(eq(auditLog.target, `alert:${alertId}`))
    .orderBy(asc(auditLog.id));
  return { ...a, history, audit };
}

describe("transitionAlert", () => {
  it("an analyst reviews and escalates; a second officer files: history and audit rows exact", async () => {
    const id = await insertTestAlert(handle.db);
    expect(await move(id, "analyst", "in_review")).toEqual({
      alertId: id,
      from: "open",
      to: "in_review",
      assignee: "u-analyst",
    });
    await move(id, "analyst", "escalated", "  Pays an unlicensed remitter weekly. ");
    expect(await move(id, "officer2", "reported", "STR FMU-2026-0042")).toEqual({
      alertId: id,
      from: "escalated",
      to: "reported",
      assignee: "u-analyst",
    });
    const s = await state(id);
    expect(s.status).toBe("reported");
    expect(s.reason).toBe("STR FMU-2026-0042");
    expect(s.assignee).toBe("u-analyst");
    expect(s.history).toEqual([
      { from: "open", to: "in_review", actor: "u-analyst", reason: null },
      {
        from: "in_review",
        to: "escalated",
        actor: "u-analyst",
        reason: "Pays an unlicensed remitter weekly.",
      },
      { from: "escalated", to: "reported", actor: "u-officer2", reason: "STR FMU-2026-0042" },
    ]);
    const base = { target: `alert:${id}`, ip: "10.0.0.7", userAgent: "vitest" };
    expect(s.audit).toEqual([
      {
        ...base,
        action: "alert.decision",
        actor: "u-analyst",
        email: "analyst@test.local",
        role: "analyst",
        params: { alertId: id, ruleId: "R9", from: "open", to: "in_review", reason: null },
      },
      {
        ...base,
        action: "alert.decision",
        actor: "u-analyst",
        email: "analyst@test.local",
        role: "analyst",
        params: {
          alertId: id,
          ruleId: "R9",
          from: "in_review",
          to: "escalated",
          reason: "Pays an unlicensed remitter weekly.",
        },
      },
      {
        ...base,
        action: "report.file",
        actor: "u-officer2",
        email: "officer2@test.local",
        role: "compliance_officer",
        params: {
          alertId: id,
          ruleId: "R9",
          from: "escalated",
          to: "reported",
          reason: "STR FMU-2026-0042",
          escalatedBy: "u-analyst",
        },
      },
    ]);
  });

  it("four eyes: the escalating officer is refused, nothing is written; another officer files", async () => {
    const id = await insertTestAlert(handle.db);
    await move(id, "officer", "escalated", "Structuring below the CTR threshold.");
    expect(await refusal(move(id, "officer", "reported", "STR 1"))).toEqual({
      code: "forbidden",
      message: "Four eyes: you escalated this case; another compliance officer must file it.",
    });
    expect(await refusal(move(id, "officer", "dismissed", "changed my mind"))).toMatchObject({
      code: "forbidden",
    });
    const refused = await state(id);
    expect(refused.status).toBe("escalated");
    expect(refused.history).toHaveLength(1);
    expect(refused.audit.map((a) => a.action)).toEqual(["alert.decision"]);

    await move(id, "officer2", "reported", "STR 1");
    const filed = await state(id);
    expect(filed.status).toBe("reported");
    expect(filed.audit.map((a) => `${a.action} ${a.actor}`)).toEqual([
      "alert.decision u-officer",
      "report.file u-officer2",
    ]);
  });

  it("the latest user escalation counts: after a send-back, the re-escalator is bound, not the first", async () => {
    const id = await insertTestAlert(handle.db);
    await move(id, "officer", "escalated", "first round");
    await move(id, "officer2", "in_review", "check the counterparty's licence");
    await move(id, "analyst", "escalated", "licence revoked");
    expect(await getLatestEscalator(handle.db, { alertId: id })).toBe("u-analyst");
    // A system row to "escalated" (a reorg reinstating the case) does not erase who escalated.
    await handle.db.insert(alertHistory).values([
      { alertId: id, fromStatus: "escalated", toStatus: "withdrawn", actor: null, reason: "reorg" },
      { alertId: id, fromStatus: "withdrawn", toStatus: "escalated", actor: null, reason: "reinstated" },
    ]);
    expect(await getLatestEscalator(handle.db, { alertId: id })).toBe("u-analyst");
    await move(id, "officer", "reported", "STR 2");
    expect((await state(id)).status).toBe("reported");
  });

  it("reasons are required where the workflow says, and blank is missing", async () => {
    const id = await insertTestAlert(handle.db);
    expect(await refusal(move(id, "analyst", "dismissed", "   "))).toEqual({
      code: "bad_request",
      message: "A reason is required to dismiss the case.",
    });
    expect(await refusal(move(id, "analyst", "escalated"))).toEqual({
      code: "bad_request",
      message: "A reason is required to escalate the case.",
    });
    expect((await state(id)).history).toEqual([]);
    await move(id, "analyst", "dismissed", "Known payroll run.");
    const s = await state(id);
    expect([s.status, s.reason, s.assignee]).toEqual(["dismissed", "Known payroll run.", null]);
  });

  it("roles: an analyst cannot file; an admin cannot triage; closed cases stay closed", async () => {
    const id = await insertTestAlert(handle.db, { status: "escalated" });
    expect(await refusal(move(id, "analyst", "reported", "x"))).toEqual({
      code: "forbidden",
      message: "Only a compliance officer may decide an escalated case.",
    });
    const open = await insertTestAlert(handle.db);
    expect((await refusal(move(open, "admin", "in_review"))).code).toBe("forbidden");
    const done = await insertTestAlert(handle.db, { status: "dismissed" });
    expect(await refusal(move(done, "officer", "escalated", "reopen"))).toEqual({
      code: "conflict",
      message: "The case is closed (dismissed); it cannot be moved.",
    });
  });

  it("a severe alert is not dismissed by one person: refused, the row unchanged; escalate, then another officer dismisses", async () => {
    const id = await insertTestAlert(handle.db, { ruleId: "R1" });
    await handle.db.update(alerts).set({ severity: "severe" }).where(eq(alerts.id, id));
    const row = async () => (await handle.db.select().from(alerts).where(eq(alerts.id, id)))[0];
    const before = await row();
    const refused = {
      code: "forbidden",
      message:
        "A severe alert is dismissed only with a second person's approval: escalate it with your reasons; another compliance officer decides.",
    };
    expect(await refusal(move(id, "analyst", "dismissed", "Name match only; different person."))).toEqual(
      refused,
    );
    expect(await refusal(move(id, "officer", "dismissed", "Name match only; different person."))).toEqual(
      refused,
    );
    expect(await row()).toEqual(before);
    expect(await state(id)).toMatchObject({ history: [], audit: [] });

    await move(id, "analyst", "in_review");
    expect(await refusal(move(id, "analyst", "dismissed", "Name match only."))).toEqual(refused);
    expect((await state(id)).status).toBe("in_review");

    await move(id, "analyst", "escalated", "Name match only, I think; please confirm.");
    await move(id, "officer", "dismissed", "Confirmed: date of birth differs from the listed person.");
    const s = await state(id);
    expect(s.status).toBe("dismissed");
    expect(s.history.map((h) => `${h.from}→${h.to} ${h.actor}`)).toEqual([
      "open→in_review u-analyst",
      "in_review→escalated u-analyst",
      "escalated→dismissed u-officer",
    ]);
  });

  it("an unknown alert is not_found", async () => {
    expect((await refusal(move(999_999_999, "analyst", "in_review"))).code).toBe("not_found");
  });

  it("starting a review keeps an existing assignee", async () => {
    const id = await insertTestAlert(handle.db, { assignee: "u-officer" });
    expect((await move(id, "analyst", "in_review")).assignee).toBe("u-officer");
  });

  it("two simultaneous moves: the row lock lets exactly one through, the other sees the new status", async () => {
    for (let round = 0; round < 5; round++) {
      const id = await insertTestAlert(handle.db);
      const results = await Promise.allSettled([
        move(id, "analyst", "escalated", "suspicious"),
        move(id, "officer", "escalated", "suspicious too"),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0]!.reason as AppError).code).toBe("conflict");
      const s = await state(id);
      expect(s.history).toHaveLength(1);
      expect(s.audit).toHaveLength(1);
      expect(s.status).toBe("escalated");
      expect(s.audit[0]?.actor).toBe(s.history[0]?.actor);
    }
  });
});

describe("addAlertNote", () => {
  it("appends a trimmed note with the author's snapshot and audits it", async () => {
    const id = await insertTestAlert(handle.db, { status: "reported" });
    const note = await addAlertNote(handle.db, {
      alertId: id,
      body: "  Called the remitter; awaiting KYC file.  ",
      actor: CASE_USERS.officer,
      ip: null,
      userAgent: null,
    });
    const rows = await handle.db.select().from(alertNotes).where(eq(alertNotes.alertId, id));
    expect(rows.map((r) => [r.id, r.author, r.authorEmail, r.authorRole, r.body])).toEqual([
      [
        note.id,
        "u-officer",
        "officer@test.local",
        "compliance_officer",
        "Called the remitter; awaiting KYC file.",
      ],
    ]);
    expect((await state(id)).audit).toEqual([
      {
        action: "alert.note",
        actor: "u-officer",
        email: "officer@test.local",
        role: "compliance_officer",
        target: `alert:${id}`,
        params: {
          alertId: id,
          ruleId: "R9",
          status: "reported",
          noteId: note.id,
          body: "Called the remitter; awaiting KYC file.",
        },
        ip: null,
        userAgent: null,
      },
    ]);
  });

  it("an unknown alert is not_found and writes nothing", async () => {
    const before = await handle.db.select().from(auditLog);
    expect(
      (
        await refusal(
          addAlertNote(handle.db, { alertId: 999_999_999, body: "probe", actor: CASE_USERS.analyst }),
        )
      ).code,
    ).toBe("not_found");
    expect(await handle.db.select().from(auditLog)).toHaveLength(before.length);
  });
});
