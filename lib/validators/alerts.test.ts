import { describe, expect, it } from "vitest";
import {
  assignAlertsSchema,
  describeAlertFilter,
  listAlertParamsOf,
  parseAlertParams,
  statusesOf,
} from "./alerts";

const chains = [
  { chainId: 31337, name: "Ethereum (local)" },
  { chainId: 31338, name: "BNB Chain (local)" },
];
const opts = {
  chains,
  entityIds: new Set([1, 2]),
  userIds: new Set(["u-analyst", "u-gone"]),
  me: "u-me",
  now: new Date("2026-07-01T12:00:00Z"),
};
const parse = (sp: Record<string, string>) => parseAlertParams(sp, opts);
const messages = (sp: Record<string, string>) => {
  const r = parse(sp);
  return r.ok ? [] : r.errors.map((e) => `${e.param}: ${e.message}`);
};

describe("parseAlertParams", () => {
  it("defaults to the live case queue over all time, newest first", () => {
    const r = parse({});
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.status).toBe("live");
    expect(r.value.filter).toEqual({
      chainId: undefined,
      ruleId: undefined,
      severity: undefined,
      statuses: ["open", "in_review", "escalated"],
      assignee: undefined,
      origin: undefined,
      destination: undefined,
      entityId: undefined,
      address: undefined,
      since: undefined,
      until: undefined,
      minAmount: undefined,
      maxAmount: undefined,
    });
    expect(listAlertParamsOf(r.value)).toMatchObject({ sort: "time", dir: "desc", limit: 25, offset: 0 });
  });

  it("turns every filter into the query's typed filter", () => {
    const addr = `0x${"Ab".repeat(20)}`;
    const r = parse({
      chain: "31338",
      from: "2026-06-01",
      to: "2026-06-30",
      rule: "r1",
      severity: "severe",
      status: "all",
      assignee: "me",
      origin: "ae",
      destination: "PK",
      entity: "2",
      q: addr,
      min: "1000",
      max: "2500.5",
      sort: "severity.asc",
      size: "50",
      page: "3",
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.filter).toEqual({
      chainId: 31338,
      ruleId: "R1",
      severity: "severe",
      statuses: undefined,
      assignee: "u-me",
      origin: "AE",
      destination: "PK",
      entityId: 2,
      address: addr.toLowerCase(),
      since: new Date("2026-06-01T00:00:00Z"),
      until: new Date("2026-07-01T00:00:00Z"),
      minAmount: 1000n * 10n ** 18n,
      maxAmount: 25005n * 10n ** 17n,
    });
    expect(listAlertParamsOf(r.value)).toMatchObject({
      sort: "severity",
      dir: "asc",
      limit: 50,
      offset: 100,
    });
  });

  it("reads unassigned, a known user and a single status", () => {
    const a = parse({ assignee: "unassigned", status: "withdrawn" });
    expect(a.ok && [a.value.filter.assignee, a.value.filter.statuses]).toEqual([null, ["withdrawn"]]);
    const b = parse({ assignee: "u-gone" });
    expect(b.ok && b.value.filter.assignee).toBe("u-gone");
  });

  it("explains bad input instead of failing", () => {
    expect(messages({ chain: "999" })[0]).toMatch(/^chain: Unknown chain 999/);
    // R13/R14 (reserves, peg: issue #17) are rules now; R15 is not.
    expect(messages({ rule: "R15" })).toEqual([
      "rule: rule must be one of R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12, R13, R14",
    ]);
    expect(messages({ severity: "critical" })[0]).toMatch(/^severity: severity must be one of severe/);
    expect(messages({ status: "closed" })[0]).toMatch(/^status: status must be one of live, all, open/);
    expect(messages({ assignee: "x'; drop table alerts; --" })).toEqual([
      'assignee: assignee must be "me", "unassigned" or a user id',
    ]);
    expect(messages({ assignee: "nobody" })).toEqual(["assignee: Unknown assignee nobody."]);
    expect(messages({ origin: "AE' or 1=1" })[0]).toMatch(/two-letter country code/);
    expect(messages({ entity: "77" })).toEqual(["entity: Unknown entity 77."]);
    expect(messages({ min: "5", max: "1" })[0]).toMatch(/amount range is reversed/);
    expect(messages({ min: "1e3" })[0]).toMatch(/USD1 amount/);
    expect(messages({ q: "hello" })).toEqual(["q: Search for an address (0x + 40 hex digits)."]);
    expect(messages({ sort: "explanation.desc" })[0]).toMatch(/Cannot sort by "explanation"/);
    expect(messages({ size: "7", rule: "R0" })).toHaveLength(2);
  });
});

describe("statusesOf", () => {
  it("maps the status param to the statuses shown", () => {
    expect(statusesOf("live")).toEqual(["open", "in_review", "escalated"]);
    expect(statusesOf("all")).toBeUndefined();
    expect(statusesOf("dismissed")).toEqual(["dismissed"]);
  });
});

describe("describeAlertFilter", () => {
  it("is plain JSON: wei and times as strings, unassigned as null", () => {
    expect(
      describeAlertFilter({
        ruleId: "R2",
        statuses: ["open", "in_review"],
        assignee: null,
        since: new Date("2026-06-01T00:00:00Z"),
        minAmount: 10n ** 21n,
        entityId: 4,
        severity: undefined,
      }),
    ).toEqual({
      ruleId: "R2",
      statuses: ["open", "in_review"],
      assignee: null,
      since: "2026-06-01T00:00:00.000Z",
      minAmount: "1000000000000000000000",
      entityId: 4,
    });
  });
});

describe("assignAlertsSchema", () => {
  it("accepts the access matrix's probe and an unassignment", () => {
    expect(assignAlertsSchema.parse({ alertIds: [999_999_999], assignee: "" })).toEqual({
      alertIds: [999_999_999],
      assignee: "",
    });
    expect(assignAlertsSchema.safeParse({ alertIds: [1, 2], assignee: "AbC-_9" }).success).toBe(true);
  });

  it("refuses empty, oversized and malformed batches", () => {
    const issue = (input: unknown) => {
      const r = assignAlertsSchema.safeParse(input);
      return r.success ? null : r.error.issues[0]?.message;
    };
    expect(issue({ alertIds: [], assignee: "" })).toBe("Select at least one alert.");
    expect(issue({ alertIds: Array.from({ length: 501 }, (_, i) => i + 1), assignee: "" })).toBe(
      "Assign at most 500 alerts at a time.",
    );
    expect(issue({ alertIds: [0], assignee: "" })).toMatch(/>0|positive|greater/i);
    expect(issue({ alertIds: ["1"], assignee: "" })).not.toBeNull();
    expect(issue({ alertIds: [1], assignee: "a b" })).toBe("Choose a user to assign the alerts to.");
    expect(issue({ alertIds: [1], assignee: "", extra: true })).not.toBeNull();
  });
});
