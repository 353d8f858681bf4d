import { describe, expect, it } from "vitest";
import { addAlertNoteSchema, alertIdParamSchema, transitionAlertSchema } from "./alert-case";

describe("alert case inputs", () => {
  it("the access matrix's probes pass validation (they must reach the lookup: not_found)", () => {
    expect(addAlertNoteSchema.parse({ alertId: 999_999_999, body: "probe" })).toEqual({
      alertId: 999_999_999,
      body: "probe",
    });
    expect(transitionAlertSchema.parse({ alertId: 999_999_999, to: "in_review", reason: "" })).toEqual({
      alertId: 999_999_999,
      to: "in_review",
      reason: "",
    });
  });

  it("form fields arrive as strings; reasons and notes are trimmed; a missing reason is empty", () => {
    expect(transitionAlertSchema.parse({ alertId: "42", to: "reported", reason: "  STR 7 \n" })).toEqual({
      alertId: 42,
      to: "reported",
      reason: "STR 7",
    });
    expect(transitionAlertSchema.parse({ alertId: "42", to: "dismissed" }).reason).toBe("");
    expect(addAlertNoteSchema.parse({ alertId: "3", body: " hi " }).body).toBe("hi");
  });

  it("refuses what the workflow never accepts", () => {
    const issues = (r: {
      success: boolean;
      error?: { issues: { path: PropertyKey[]; message: string }[] };
    }) => r.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(issues(transitionAlertSchema.safeParse({ alertId: "0", to: "withdrawn" }))).toEqual([
      "alertId: Unknown alert.",
      "to: Choose a decision.",
    ]);
    expect(issues(transitionAlertSchema.safeParse({ alertId: 1, to: "open" }))).toEqual([
      "to: Choose a decision.",
    ]);
    expect(issues(addAlertNoteSchema.safeParse({ alertId: "x", body: "   " }))).toEqual([
      "alertId: Unknown alert.",
      "body: Write a note first.",
    ]);
    expect(issues(addAlertNoteSchema.safeParse({ alertId: 1, body: "x".repeat(4_001) }))).toEqual([
      "body: A note holds at most 4,000 characters.",
    ]);
  });

  it("the page id is plain digits", () => {
    expect(alertIdParamSchema.safeParse("17").data).toBe(17);
    for (const bad of ["0", "017", "1e3", "-1", "abc", "1".repeat(16)]) {
      expect(alertIdParamSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
