import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLE_PERMISSIONS, rolesWith, USER_ROLES } from "./roles";

// The whole table, spelled out: a change to who may do what must change this test too.
const EXPECTED: Record<string, string[]> = {
  "views:read": ["analyst", "compliance_officer", "admin"],
  "alerts:triage": ["analyst", "compliance_officer"],
  "exports:create": ["compliance_officer"],
  "reports:file": ["compliance_officer"],
  "users:manage": ["admin"],
  "registry:edit": ["admin"],
  "rules:edit": ["admin"],
  "audit:read": ["admin"],
  "lists:manage": ["compliance_officer", "admin"],
  "reserves:attest": ["compliance_officer"],
};

describe("roles", () => {
  it("grants exactly the expected roles each permission", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...PERMISSIONS].sort());
    for (const p of PERMISSIONS) expect(rolesWith(p)).toEqual(EXPECTED[p]);
  });

  it("gives a compliance officer everything an analyst has", () => {
    for (const p of ROLE_PERMISSIONS.analyst) expect(can("compliance_officer", p)).toBe(true);
  });

  it("grants nothing to an unknown or missing role", () => {
    for (const p of PERMISSIONS) {
      expect(can("user", p)).toBe(false);
      expect(can(null, p)).toBe(false);
      expect(can(undefined, p)).toBe(false);
    }
    expect(USER_ROLES).toEqual(["analyst", "compliance_officer", "admin"]);
  });
});
