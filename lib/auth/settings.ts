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
 * Production requires a real secret and the public URL; the demo (`USD1_DEMO=1`, set by
 * `npm run demo`), development and tests fall back to the fixed demo secret. A half-configured
 * OIDC provider is an error rather than silently no SSO button.
 */
export function resolveAuthSettings(env: AuthEnv): AuthSettings {
  const relaxed = env.NODE_ENV !== "production" || env.USD1_DEMO === "1";
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
