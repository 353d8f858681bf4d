import { describe, expect, it } from "vitest";
import { createUserSchema, safeNextPath, signInSchema } from "./auth";

describe("signInSchema", () => {
  it("normalises the email and accepts a normal sign-in", () => {
    expect(signInSchema.parse({ email: " Ana@Demo.Local ", password: "x" })).toEqual({
      email: "ana@demo.local",
      password: "x",
    });
  });

  it("refuses over-long and malformed input with a clear message", () => {
    const long = signInSchema.safeParse({ email: `${"a".repeat(250)}@x.io`, password: "x" });
    expect(long.error?.issues[0]?.message).toBe("An email address has at most 254 characters.");
    expect(signInSchema.safeParse({ email: "not-an-email", password: "x" }).error?.issues[0]?.message).toBe(
      "Enter a valid email address.",
    );
    expect(
      signInSchema.safeParse({ email: "a@b.io", password: "x".repeat(129) }).error?.issues[0]?.message,
    ).toBe("A password has at most 128 characters.");
    expect(signInSchema.safeParse({ email: "a@b.io", password: "" }).error?.issues[0]?.message).toBe(
      "Enter your password.",
    );
    expect(signInSchema.safeParse({ email: ["a@b.io"], password: "x" }).success).toBe(false);
  });
});

describe("createUserSchema", () => {
  it("requires a 12-character password and a known role", () => {
    const ok = { email: "x@bank.example", name: "X", role: "analyst", password: "twelve-chars" };
    expect(createUserSchema.safeParse(ok).success).toBe(true);
    expect(createUserSchema.safeParse({ ...ok, password: "short" }).success).toBe(false);
    expect(createUserSchema.safeParse({ ...ok, role: "superuser" }).success).toBe(false);
  });
});

describe("safeNextPath", () => {
  it("keeps same-site paths and drops everything else", () => {
    expect(safeNextPath("/admin/users")).toBe("/admin/users");
    for (const bad of [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "/api/health",
      "/sign-in",
      undefined,
    ]) {
      expect(safeNextPath(bad)).toBe("/overview");
    }
  });
});

describe("safeNextPath against open redirects", () => {
  /** As the value arrives: the query string decoded once, as Next decodes `searchParams`. */
  const fromQuery = (encoded: string) => new URLSearchParams(`next=${encoded}`).get("next");

  it("sends every off-site payload to the overview, as typed and as decoded from the URL", () => {
    const payloads = [
      "/%09/evil.example",
      "/%0a/evil.example",
      "/%0d/evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\\evil.example",
      "/\\/evil.example",
      "//evil.example",
      "https://evil.example/x",
      "http:evil.example",
      "javascript:alert(1)",
      " //evil.example",
      "%2F%2Fevil.example",
      "/%2F%2Fevil.example",
      "/%2F/evil.example",
      "/%5C/evil.example",
      "/%",
    ];
    for (const p of payloads) {
      expect(safeNextPath(p), JSON.stringify(p)).toBe("/overview");
      expect(safeNextPath(fromQuery(p)), `decoded ${JSON.stringify(p)}`).toBe("/overview");
    }
  });

  it("keeps a same-site path with its query and fragment unchanged", () => {
    expect(safeNextPath("/alerts?status=open#x")).toBe("/alerts?status=open#x");
    expect(safeNextPath(fromQuery("%2Falerts%3Fstatus%3Dopen%23x"))).toBe("/alerts?status=open#x");
  });

  it("returns the normalised path, never the raw string", () => {
    expect(safeNextPath("/alerts/../admin/users")).toBe("/admin/users");
    expect(safeNextPath("/./api/health")).toBe("/overview");
    expect(safeNextPath("/al\terts")).toBe("/alerts");
  });
});
