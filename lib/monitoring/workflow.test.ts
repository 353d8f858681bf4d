import { describe, expect, it } from "vitest";
import { ALERT_STATUSES, type AlertStatus } from "@/db/schema/monitoring";
import { USER_ROLES, type UserRole } from "@/lib/auth/roles";
import {
  FOUR_EYES_MESSAGE,
  SEVERE_DISMISS_MESSAGE,
  TRANSITIONS,
  checkTransition,
  movesFor,
  type CheckTransitionParams,
} from "./workflow";

const ANALYST = "u-analyst";
const OFFICER = "u-officer";
const OFFICER2 = "u-officer2";

function check(p: Partial<CheckTransitionParams> & Pick<CheckTransitionParams, "from" | "to">) {
  return checkTransition({
    actorRole: "compliance_officer",
    actorId: OFFICER2,
    severity: "medium",
    escalatedBy: OFFICER,
    reason: "a reason",
    ...p,
  });
}

const outcome = (r: ReturnType<typeof checkTransition>) => (r.ok ? "ok" : r.code);

describe("the transition table", () => {
  it("has exactly the workflow's edges", () => {
    const edge = (t: (typeof TRANSITIONS)[number]) =>
      `${t.from}→${t.to} ${t.permission}${t.fourEyes ? " 4eyes" : ""}${t.forSevere ? "" : " not-severe"}`;
    expect(TRANSITIONS.map(edge)).toEqual([
      "open→in_review alerts:triage",
      "open→escalated alerts:triage",
      "open→dismissed alerts:triage not-severe",
      "in_review→escalated alerts:triage",
      "in_review→dismissed alerts:triage not-severe",
      "escalated→reported reports:file 4eyes",
      "escalated→dismissed reports:file 4eyes",
      "escalated→in_review reports:file 4eyes",
    ]);
  });

  it("every edge but starting a review needs a reason", () => {
    expect(TRANSITIONS.filter((t) => !t.reasonRequired).map((t) => `${t.from}→${t.to}`)).toEqual([
      "open→in_review",
    ]);
  });

  it("nothing leaves reported, dismissed or withdrawn, and no move goes to open or withdrawn", () => {
    for (const from of ["reported", "dismissed", "withdrawn"] as const) {
      for (const to of ALERT_STATUSES) {
        const r = check({ from, to });
        expect(r).toEqual({
          ok: false,
          code: "conflict",
          message:
            from === to
              ? (expect.stringContaining("already") as unknown as string)
              : (expect.stringContaining("is closed") as unknown as string),
        });
      }
    }
    for (const from of ["open", "in_review", "escalated"] as const) {
      expect(outcome(check({ from, to: "open" }))).toBe("conflict");
      expect(outcome(check({ from, to: "withdrawn" }))).toBe("conflict");
    }
  });

  it("open and in review cannot skip to reported; the same status twice is a conflict", () => {
    expect(check({ from: "open", to: "reported" })).toMatchObject({ code: "conflict" });
    expect(check({ from: "in_review", to: "reported" })).toMatchObject({ code: "conflict" });
    expect(check({ from: "in_review", to: "in_review" })).toEqual({
      ok: false,
      code: "conflict",
      message: "The case is already in review. Reload the page.",
    });
    expect(check({ from: "escalated", to: "escalated" })).toMatchObject({ code: "conflict" });
  });
});

describe("roles", () => {
  const triage: [AlertStatus, AlertStatus][] = [
    ["open", "in_review"],
    ["open", "escalated"],
    ["open", "dismissed"],
    ["in_review", "escalated"],
    ["in_review", "dismissed"],
  ];
  const filing: [AlertStatus, AlertStatus][] = [
    ["escalated", "reported"],
    ["escalated", "dismissed"],
    ["escalated", "in_review"],
  ];

  it("analysts and officers triage; admins do not", () => {
    for (const [from, to] of triage) {
      expect(outcome(check({ from, to, actorRole: "analyst", actorId: ANALYST }))).toBe("ok");
      expect(outcome(check({ from, to, actorRole: "compliance_officer" }))).toBe("ok");
      expect(check({ from, to, actorRole: "admin" })).toEqual({
        ok: false,
        code: "forbidden",
        message: "Your role does not allow triaging alerts.",
      });
      expect(outcome(check({ from, to, actorRole: "nobody" }))).toBe("forbidden");
    }
  });

  it("only compliance officers decide an escalated case", () => {
    for (const [from, to] of filing) {
      expect(outcome(check({ from, to }))).toBe("ok");
      for (const actorRole of ["analyst", "admin"]) {
        expect(check({ from, to, actorRole, actorId: ANALYST })).toEqual({
          ok: false,
          code: "forbidden",
          message: "Only a compliance officer may decide an escalated case.",
        });
      }
    }
  });

  it("the page offers each role exactly its moves", () => {
    const moves = (from: AlertStatus, role: UserRole) => movesFor(from, role, "medium").map((t) => t.to);
    expect(moves("open", "analyst")).toEqual(["in_review", "escalated", "dismissed"]);
    expect(moves("in_review", "analyst")).toEqual(["escalated", "dismissed"]);
    expect(moves("escalated", "analyst")).toEqual([]);
    expect(moves("escalated", "compliance_officer")).toEqual(["reported", "dismissed", "in_review"]);
    for (const role of USER_ROLES) {
      expect(moves("reported", role)).toEqual([]);
      expect(moves("withdrawn", role)).toEqual([]);
    }
    expect(moves("open", "admin")).toEqual([]);
  });
});

describe("four eyes", () => {
  it("the officer who escalated cannot file his own escalation", () => {
    expect(check({ from: "escalated", to: "reported", actorId: OFFICER, escalatedBy: OFFICER })).toEqual({
      ok: false,
      code: "forbidden",
      message: FOUR_EYES_MESSAGE,
    });
    expect(FOUR_EYES_MESSAGE).toBe(
      "Four eyes: you escalated this case; another compliance officer must file it.",
    );
  });

  it("nor dismiss it or send it back", () => {
    for (const to of ["dismissed", "in_review"] as const) {
      expect(check({ from: "escalated", to, actorId: OFFICER, escalatedBy: OFFICER })).toEqual({
        ok: false,
        code: "forbidden",
        message: "Four eyes: you escalated this case; another compliance officer must decide it.",
      });
    }
  });

  it("a second officer may; four eyes comes before the reason", () => {
    expect(
      outcome(check({ from: "escalated", to: "reported", actorId: OFFICER2, escalatedBy: OFFICER })),
    ).toBe("ok");
    expect(
      outcome(
        check({ from: "escalated", to: "reported", actorId: OFFICER, escalatedBy: OFFICER, reason: "" }),
      ),
    ).toBe("forbidden");
  });

  it("an escalation by no known user (history lost) binds nobody", () => {
    expect(outcome(check({ from: "escalated", to: "reported", actorId: OFFICER, escalatedBy: null }))).toBe(
      "ok",
    );
  });

  it("does not apply to triage: the escalator of an earlier round may escalate again", () => {
    expect(
      outcome(check({ from: "in_review", to: "escalated", actorId: OFFICER, escalatedBy: OFFICER })),
    ).toBe("ok");
  });
});

describe("severe alerts are not dismissed by one person", () => {
  const severeRefusal = { ok: false, code: "forbidden", message: SEVERE_DISMISS_MESSAGE };

  it("says how instead", () => {
    expect(SEVERE_DISMISS_MESSAGE).toBe(
      "A severe alert is dismissed only with a second person's approval: escalate it with your reasons; another compliance officer decides.",
    );
  });

  it("open or in review → dismissed is refused for a severe alert, whoever triages, with or without a reason", () => {
    for (const from of ["open", "in_review"] as const) {
      for (const reason of ["Known counterparty.", ""]) {
        expect(
          check({
            from,
            to: "dismissed",
            severity: "severe",
            actorRole: "analyst",
            actorId: ANALYST,
            reason,
          }),
        ).toEqual(severeRefusal);
        expect(check({ from, to: "dismissed", severity: "severe", escalatedBy: null, reason })).toEqual(
          severeRefusal,
        );
      }
      // A role that cannot triage hears that first.
      expect(check({ from, to: "dismissed", severity: "severe", actorRole: "admin" })).toEqual({
        ok: false,
        code: "forbidden",
        message: "Your role does not allow triaging alerts.",
      });
    }
  });

  it("the same moves stay open for high, medium and low alerts", () => {
    for (const severity of ["high", "medium", "low"] as const) {
      for (const from of ["open", "in_review"] as const) {
        expect(check({ from, to: "dismissed", severity, actorRole: "analyst", actorId: ANALYST })).toEqual({
          ok: true,
          transition: TRANSITIONS.find((t) => t.from === from && t.to === "dismissed"),
        });
      }
    }
  });

  it("the path is escalate (one person), then dismiss from escalated (another officer, four eyes)", () => {
    const severe = { severity: "severe" } as const;
    for (const [from, to] of [
      ["open", "in_review"],
      ["open", "escalated"],
      ["in_review", "escalated"],
    ] as const) {
      expect(outcome(check({ ...severe, from, to, actorRole: "analyst", actorId: ANALYST }))).toBe("ok");
    }
    expect(outcome(check({ ...severe, from: "escalated", to: "dismissed", escalatedBy: ANALYST }))).toBe(
      "ok",
    );
    expect(
      check({ ...severe, from: "escalated", to: "dismissed", actorId: OFFICER, escalatedBy: OFFICER }),
    ).toEqual({
      ok: false,
      code: "forbidden",
      message: "Four eyes: you escalated this case; another compliance officer must decide it.",
    });
    for (const to of ["reported", "in_review"] as const) {
      expect(outcome(check({ ...severe, from: "escalated", to }))).toBe("ok");
    }
  });

  it("the page does not offer the single-person dismissal of a severe alert", () => {
    const moves = (from: AlertStatus, role: UserRole) => movesFor(from, role, "severe").map((t) => t.to);
    expect(moves("open", "analyst")).toEqual(["in_review", "escalated"]);
    expect(moves("in_review", "analyst")).toEqual(["escalated"]);
    expect(moves("open", "compliance_officer")).toEqual(["in_review", "escalated"]);
    expect(moves("escalated", "analyst")).toEqual([]);
    expect(moves("escalated", "compliance_officer")).toEqual(["reported", "dismissed", "in_review"]);
    expect(movesFor("open", "analyst", "high").map((t) => t.to)).toEqual([
      "in_review",
      "escalated",
      "dismissed",
    ]);
  });
});

describe("reasons", () => {
  it("a missing or blank reason is refused on every edge that needs one", () => {
    for (const t of TRANSITIONS.filter((x) => x.reasonRequired)) {
      for (const reason of [null, undefined, "", "   \n "]) {
        const r = check({ from: t.from, to: t.to, reason });
        expect(r.ok ? "ok" : r.code, `${t.from}→${t.to}`).toBe("bad_request");
      }
    }
  });

  it("says what is missing", () => {
    expect(check({ from: "in_review", to: "dismissed", reason: "" })).toEqual({
      ok: false,
      code: "bad_request",
      message: "A reason is required to dismiss the case.",
    });
    expect(check({ from: "escalated", to: "reported", reason: " " })).toEqual({
      ok: false,
      code: "bad_request",
      message: "A reason is required to file the STR.",
    });
    expect(check({ from: "open", to: "escalated", reason: "" })).toMatchObject({
      message: "A reason is required to escalate the case.",
    });
  });

  it("starting a review needs none", () => {
    expect(outcome(check({ from: "open", to: "in_review", reason: "" }))).toBe("ok");
    expect(outcome(check({ from: "open", to: "in_review", reason: null }))).toBe("ok");
  });
});
