import { describe, expect, it } from "vitest";
import { buildCsp, securityHeaders } from "./security-headers";

describe("security headers", () => {
  it("allows scripts only with the nonce, never inline or eval in production", () => {
    const csp = buildCsp({ nonce: "abc", dev: false });
    const script = csp.split("; ").find((d) => d.startsWith("script-src"));
    expect(script).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it("sends HSTS only over https", () => {
    const plain = securityHeaders({ csp: "x", https: false });
    expect(plain["strict-transport-security"]).toBeUndefined();
    expect(plain["x-content-type-options"]).toBe("nosniff");
    expect(plain["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(securityHeaders({ csp: "x", https: true })["strict-transport-security"]).toBe(
      "max-age=63072000; includeSubDomains",
    );
  });
});
