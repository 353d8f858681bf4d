import { describe, expect, it } from "vitest";
import { decideAccess, signInPath } from "./access";

describe("decideAccess", () => {
  it("lets anyone through a public route", () => {
    expect(decideAccess(null, "public")).toBe("allow");
    expect(decideAccess({ role: "analyst" }, "public")).toBe("allow");
  });

  it("sends an anonymous visitor to sign in for anything else", () => {
    expect(decideAccess(null, "session")).toBe("sign-in");
    expect(decideAccess(null, "views:read")).toBe("sign-in");
    expect(decideAccess(null, "users:manage")).toBe("sign-in");
  });

  it("checks the permission of a signed-in user", () => {
    expect(decideAccess({ role: "analyst" }, "session")).toBe("allow");
    expect(decideAccess({ role: "analyst" }, "views:read")).toBe("allow");
    expect(decideAccess({ role: "analyst" }, "exports:create")).toBe("forbidden");
    expect(decideAccess({ role: "compliance_officer" }, "exports:create")).toBe("allow");
    expect(decideAccess({ role: "compliance_officer" }, "audit:read")).toBe("forbidden");
    expect(decideAccess({ role: "admin" }, "users:manage")).toBe("allow");
    expect(decideAccess({ role: "admin" }, "alerts:triage")).toBe("forbidden");
    expect(decideAccess({ role: "superuser" }, "views:read")).toBe("forbidden");
  });
});

describe("signInPath", () => {
  it("remembers a same-site destination only", () => {
    expect(signInPath("/admin/users?x=1")).toBe("/sign-in?next=%2Fadmin%2Fusers%3Fx%3D1");
    expect(signInPath("/")).toBe("/sign-in");
    expect(signInPath("//evil.example")).toBe("/sign-in");
    expect(signInPath(null)).toBe("/sign-in");
  });
});
