import { describe, expect, it } from "vitest";
import { AuthConfigError, DEMO_AUTH_SECRET, isLoopbackUrl, resolveAuthSettings } from "./settings";

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

  it("refuses the demo in production behind a URL that is not loopback, in one line naming what to set", () => {
    const demo = (url: string) => () =>
      resolveAuthSettings({ NODE_ENV: "production", USD1_DEMO: "1", BETTER_AUTH_URL: url });
    expect(demo("https://supervision.example")).toThrow(AuthConfigError);
    expect(demo("https://supervision.example")).toThrow(
      "USD1_DEMO=1 runs on loopback only, but BETTER_AUTH_URL is https://supervision.example: unset USD1_DEMO and set BETTER_AUTH_SECRET and BETTER_AUTH_URL for a real deployment",
    );
    for (const url of [
      "http://127.0.0.1.evil.example",
      "http://localhost.evil.example",
      "http://evil.example/localhost",
      "http://localhost@evil.example",
      "http://128.0.0.1:3000",
      "http://[::2]:3000",
    ]) {
      expect(demo(url), url).toThrow(/^USD1_DEMO=1 runs on loopback only/);
    }
    // With a real secret too: the demo's users and passwords are public as well.
    expect(() =>
      resolveAuthSettings({
        NODE_ENV: "production",
        USD1_DEMO: "1",
        BETTER_AUTH_SECRET: SECRET,
        BETTER_AUTH_URL: "https://supervision.example",
      }),
    ).toThrow(AuthConfigError);
  });

  it("runs the demo in production on a loopback URL, or on none (loopback hosts only, per request)", () => {
    for (const url of [
      "http://127.0.0.1:3000",
      "http://localhost:3000",
      "http://[::1]:3000",
      "http://127.8.9.10",
    ]) {
      expect(
        resolveAuthSettings({ NODE_ENV: "production", USD1_DEMO: "1", BETTER_AUTH_URL: url }),
        url,
      ).toMatchObject({ secret: DEMO_AUTH_SECRET, baseURL: url, secureCookies: false });
    }
    expect(resolveAuthSettings({ NODE_ENV: "production", USD1_DEMO: "1" }).baseURL).toBeUndefined();
    // Outside the demo a public URL is what production needs.
    expect(
      resolveAuthSettings({
        NODE_ENV: "production",
        BETTER_AUTH_SECRET: SECRET,
        BETTER_AUTH_URL: "https://supervision.example",
      }).baseURL,
    ).toBe("https://supervision.example");
  });

  it("reads loopback as the URL parser reads the host", () => {
    expect(isLoopbackUrl("http://127.1:3000")).toBe(true);
    expect(isLoopbackUrl("http://0x7f.0.0.1")).toBe(true);
    expect(isLoopbackUrl("http://[0:0:0:0:0:0:0:1]")).toBe(true);
    expect(isLoopbackUrl("http://LOCALHOST:3000")).toBe(true);
    expect(isLoopbackUrl("http://127.0.0.1.")).toBe(true);
    expect(isLoopbackUrl("http://127.0.0.1.evil.example")).toBe(false);
    expect(isLoopbackUrl("ftp://127.0.0.1")).toBe(false);
    expect(isLoopbackUrl("not a url")).toBe(false);
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
