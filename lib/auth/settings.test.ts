import { describe, expect, it } from "vitest";
import { AuthConfigError, DEMO_AUTH_SECRET, resolveAuthSettings } from "./settings";

const SECRET = "s".repeat(40);

describe("resolveAuthSettings", () => {
  it("refuses production without a secret or a public URL", () => {
    expect(() =>
      resolveAuthSettings({ NODE_ENV: "production", BETTER_AUTH_URL: "https://x.example" }),
    ).toThrow(AuthConfigError);
    expect(() => resolveAuthSettings({ NODE_ENV: "production", BETTER_AUTH_SECRET: SECRET })).toThrow(
      /BETTER_AUTH_URL/,
    );
  });

  it("uses Secure cookies exactly over https", () => {
    const s = resolveAuthSettings({
      NODE_ENV: "production",
      BETTER_AUTH_SECRET: SECRET,
      BETTER_AUTH_URL: "https://sup.bank.example",
    });
    expect(s).toMatchObject({ secret: SECRET, secureCookies: true, usesDemoSecret: false, oidc: null });
    expect(
      resolveAuthSettings({ NODE_ENV: "development", BETTER_AUTH_URL: "http://localhost:3000" })
        .secureCookies,
    ).toBe(false);
  });

  it("falls back to the public demo secret only in the demo, development and tests", () => {
    expect(resolveAuthSettings({ NODE_ENV: "production", USD1_DEMO: "1" })).toMatchObject({
      secret: DEMO_AUTH_SECRET,
      usesDemoSecret: true,
    });
    expect(resolveAuthSettings({ NODE_ENV: "test" }).secret).toBe(DEMO_AUTH_SECRET);
  });

  it("configures OIDC only when fully set", () => {
    const oidc = {
      OIDC_DISCOVERY_URL: "https://sso.bank.example/.well-known/openid-configuration",
      OIDC_CLIENT_ID: "usd1",
      OIDC_CLIENT_SECRET: "x",
    };
    expect(resolveAuthSettings({ NODE_ENV: "test", ...oidc, OIDC_PROVIDER_NAME: "Bank SSO" }).oidc).toEqual({
      providerId: "sso",
      name: "Bank SSO",
      discoveryUrl: oidc.OIDC_DISCOVERY_URL,
      clientId: "usd1",
      clientSecret: "x",
      scopes: ["openid", "email", "profile"],
    });
    expect(() => resolveAuthSettings({ NODE_ENV: "test", OIDC_CLIENT_ID: "usd1" })).toThrow(/OIDC/);
  });

  it("parses trusted proxies", () => {
    expect(
      resolveAuthSettings({ NODE_ENV: "test", AUTH_TRUSTED_PROXIES: "10.0.0.1, 10.1.0.0/16," })
        .trustedProxies,
    ).toEqual(["10.0.0.1", "10.1.0.0/16"]);
  });
});
