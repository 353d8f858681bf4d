import { describe, expect, it } from "vitest";
import { isExposedAuthPath } from "./http";

describe("isExposedAuthPath", () => {
  it("exposes only sign-in, sign-out, session and the SSO callback", () => {
    expect(isExposedAuthPath("POST", "/api/auth/sign-in/email")).toBe(true);
    expect(isExposedAuthPath("GET", "/api/auth/get-session")).toBe(true);
    expect(isExposedAuthPath("GET", "/api/auth/callback/sso")).toBe(true);
    expect(isExposedAuthPath("POST", "/api/auth/sign-out")).toBe(true);
  });

  it("hides admin, sign-up and account endpoints", () => {
    for (const p of [
      "/api/auth/admin/set-role",
      "/api/auth/admin/create-user",
      "/api/auth/admin/impersonate-user",
      "/api/auth/sign-up/email",
      "/api/auth/update-user",
      "/api/auth/change-password",
      "/api/auth/list-sessions",
    ]) {
      expect(isExposedAuthPath("POST", p), p).toBe(false);
    }
    expect(isExposedAuthPath("GET", "/api/auth/sign-in/email")).toBe(false);
  });
});
