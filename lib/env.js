// Environment of the web app, validated once; next.config.js imports this so a bad environment
// fails the build. Node processes (indexer, demo, scripts) use lib/env-core.ts instead.
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

const optionalUrl = z.url().optional();

export const env = createEnv({
  server: {
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// URL")
      .optional(),
    /**
     * Optional streaming replica of DATABASE_URL: the dashboard's views read from it (db/read-routing.ts);
     * writes, audit rows and reads of one's own writes stay on the primary.
     */
    DATABASE_READ_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_READ_URL must be a postgres:// URL")
      .optional(),
    PGLITE_DIR: z.string().min(1).default(".data/pglite"),
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // Signs session cookies. Required in production (lib/auth/settings.ts refuses to start
    // without it); the build does not need it, so it is checked at run time, not here.
    BETTER_AUTH_SECRET: z.string().min(32, "BETTER_AUTH_SECRET needs at least 32 characters").optional(),
    /** Public URL of the app (https://… in production: Secure cookies, HSTS, OIDC callbacks). */
    BETTER_AUTH_URL: optionalUrl,
    /** Set by `npm run demo` only: allows the fixed, public demo secret on a local http server. */
    USD1_DEMO: z.enum(["0", "1"]).optional(),
    /** Comma-separated reverse-proxy IPs/CIDRs whose X-Forwarded-For hops are skipped. */
    AUTH_TRUSTED_PROXIES: z.string().optional(),
    /** The bank's SSO (OpenID Connect). All three set = "Sign in with SSO" on the sign-in page. */
    OIDC_DISCOVERY_URL: optionalUrl,
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_PROVIDER_NAME: z.string().min(1).max(60).default("SSO"),
    OIDC_SCOPES: z.string().default("openid email profile"),
    /**
     * Optional PKR per USD as a decimal string ("278.50"): adds a PKR figure next to USD1
     * amounts (lib/format.ts formatPkr, exact; assumes the 1:1 USD peg). Unset = USD1 only.
     */
    PKR_PER_USD: z
      .string()
      .regex(/^\d{1,9}(\.\d{1,8})?$/, 'PKR_PER_USD must be a decimal such as "278.50"')
      .refine((s) => /[1-9]/.test(s), "PKR_PER_USD must be greater than zero")
      .optional(),
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
  skipValidation: process.env.SKIP_ENV_VALIDATION === "1",
});
