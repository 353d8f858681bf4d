// What the auth configuration needs from the environment, resolved and checked in one place.
// Pure (takes the env object), so the production rules are unit-tested.

/** Public and fixed: only ever used by `npm run demo` and tests, on loopback, over http. */
export const DEMO_AUTH_SECRET = "usd1-demo-secret-not-for-production-use-0123456789";

export type AuthEnv = {
  NODE_ENV: "development" | "test" | "production";
  BETTER_AUTH_SECRET?: string | undefined;
  BETTER_AUTH_URL?: string | undefined;
  USD1_DEMO?: "0" | "1" | undefined;
  AUTH_TRUSTED_PROXIES?: string | undefined;
  OIDC_DISCOVERY_URL?: string | undefined;
  OIDC_CLIENT_ID?: string | undefined;
  OIDC_CLIENT_SECRET?: string | undefined;
  OIDC_PROVIDER_NAME?: string | undefined;
  OIDC_SCOPES?: string | undefined;
};

export type OidcSettings = {
  providerId: "sso";
  name: string;
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
};

export type AuthSettings = {
  secret: string;
  /** Undefined: better-auth infers it from each request (the demo on any local port). */
  baseURL: string | undefined;
  /** Secure (and __Secure- prefixed) cookies exactly when the app is served over https. */
  secureCookies: boolean;
  trustedProxies: string[];
  oidc: OidcSettings | null;
  /** True when the fixed demo secret is in use (logged as a warning). */
  usesDemoSecret: boolean;
};

export const OIDC_PROVIDER_ID = "sso";

export class AuthConfigError extends Error {
  override name = "AuthConfigError";
}

/**
 * localhost, 127.0.0.0/8 or [::1], read as the URL parser reads the host (so `127.1` and
 * `0x7f.1` are 127.0.0.1, and `127.0.0.1.evil.example` is a name, not an address).
 */
export function isLoopbackUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return false;
  const host = parsed.hostname;
  return host === "localhost" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Production requires a real secret and the public URL; the demo (`USD1_DEMO=1`, set by
 * `npm run demo`), development and tests fall back to the fixed demo secret. A half-configured
 * OIDC provider is an error rather than silently no SSO button.
 *
 * The demo in production is for this machine only: with a non-loopback BETTER_AUTH_URL it
 * refuses to start (the demo secret and passwords are public). Without one, better-auth takes
 * the URL from each request and accepts loopback hosts only (lib/auth/server.ts).
 */
export function resolveAuthSettings(env: AuthEnv): AuthSettings {
  const demo = env.USD1_DEMO === "1";
  if (env.NODE_ENV === "production" && demo && env.BETTER_AUTH_URL && !isLoopbackUrl(env.BETTER_AUTH_URL)) {
    throw new AuthConfigError(
      `USD1_DEMO=1 runs on loopback only, but BETTER_AUTH_URL is ${env.BETTER_AUTH_URL}: unset USD1_DEMO and set BETTER_AUTH_SECRET and BETTER_AUTH_URL for a real deployment`,
    );
  }
  const relaxed = env.NODE_ENV !== "production" || demo;
  if (!env.BETTER_AUTH_SECRET && !relaxed) {
    throw new AuthConfigError(
      "BETTER_AUTH_SECRET is required in production (at least 32 random characters, e.g. `openssl rand -base64 48`)",
    );
  }
  if (!env.BETTER_AUTH_URL && !relaxed) {
    throw new AuthConfigError("BETTER_AUTH_URL (the app's public https:// URL) is required in production");
  }
  return {
    secret: env.BETTER_AUTH_SECRET ?? DEMO_AUTH_SECRET,
    baseURL: env.BETTER_AUTH_URL,
    secureCookies: env.BETTER_AUTH_URL?.startsWith("https://") ?? false,
    trustedProxies: (env.AUTH_TRUSTED_PROXIES ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    oidc: resolveOidc(env),
    usesDemoSecret: !env.BETTER_AUTH_SECRET,
  };
}

function resolveOidc(env: AuthEnv): OidcSettings | null {
  const parts = [env.OIDC_DISCOVERY_URL, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
  const set = parts.filter(Boolean).length;
  if (set === 0) return null;
  if (set < parts.length || !env.OIDC_DISCOVERY_URL || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) {
    throw new AuthConfigError(
      "OIDC needs all of OIDC_DISCOVERY_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (or none of them)",
    );
  }
  return {
    providerId: OIDC_PROVIDER_ID,
    name: env.OIDC_PROVIDER_NAME ?? "SSO",
    discoveryUrl: env.OIDC_DISCOVERY_URL,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    scopes: (env.OIDC_SCOPES ?? "openid email profile").split(/[\s,]+/).filter(Boolean),
  };
}
