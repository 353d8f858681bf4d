// better-auth configuration: email/password and (optionally) the bank's OIDC provider, sessions
// in Postgres through the Drizzle adapter, roles and deactivation through the admin plugin.
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import { admin, genericOAuth } from "better-auth/plugins";
import { createAccessControl } from "better-auth/plugins/access";
import type { Db } from "@/db/client";
import { accounts, sessions, users, verifications } from "@/db/schema/auth";
import type { Logger } from "@/lib/logger";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/validators/auth";
import { createAuthHooks } from "./hooks";
import type { AuthSettings } from "./settings";

const HOUR = 3_600;
const LOOPBACK_HOSTS = ["localhost", "localhost:*", "127.0.0.1", "127.0.0.1:*", "[::1]", "[::1]:*"];

/** Session lifetime: a working day; used sessions are extended at most once an hour. */
export const SESSION_EXPIRES_IN = 12 * HOUR;
export const SESSION_UPDATE_AGE = HOUR;

// The admin plugin's own permissions (its endpoints re-check them). Only our admin may manage
// users; impersonation, deletion and password setting are granted to nobody.
const statements = {
  user: ["create", "list", "set-role", "ban", "impersonate", "delete", "set-password", "get", "update"],
  session: ["list", "revoke", "delete"],
} as const;
const ac = createAccessControl(statements);
const adminPluginRoles = {
  admin: ac.newRole({ user: ["create", "list", "set-role", "ban", "get"], session: ["list", "revoke"] }),
  compliance_officer: ac.newRole({ user: [], session: [] }),
  analyst: ac.newRole({ user: [], session: [] }),
};

export type CreateAuthParams = { db: Db; settings: AuthSettings; log: Logger };

export function createAuth({ db, settings, log }: CreateAuthParams) {
  const ipOptions = {
    advanced: {
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"], trustedProxies: settings.trustedProxies },
    },
  };
  const hooks = createAuthHooks({ db, log, trustedProxies: settings.trustedProxies });
  return betterAuth({
    appName: "USD1 Supervision",
    secret: settings.secret,
    // Without a public URL (demo, dev, tests) the URL is taken from each request, and only a
    // loopback host is accepted.
    baseURL: settings.baseURL ?? { allowedHosts: LOOPBACK_HOSTS, protocol: "http" },
    basePath: "/api/auth",
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    emailAndPassword: {
      enabled: true,
      // No self-service: an admin creates users (UI or `npm run user:create`).
      disableSignUp: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
    },
    session: {
      expiresIn: SESSION_EXPIRES_IN,
      updateAge: SESSION_UPDATE_AGE,
      // No cookie cache: every request reads the session row, so deactivating a user (which
      // deletes their sessions) takes effect on their very next request.
      cookieCache: { enabled: false },
    },
    account: {
      // SSO signs in users an admin created, matched by email; it never creates one.
      accountLinking: { enabled: true, trustedProviders: settings.oidc ? [settings.oidc.providerId] : [] },
    },
    advanced: {
      ...ipOptions.advanced,
      useSecureCookies: settings.secureCookies,
      // Explicit, because better-auth relaxes both under NODE_ENV=test: tests must see what
      // production does (cross-site posts refused).
      disableOriginCheck: false,
      disableCSRFCheck: false,
      cookiePrefix: "usd1",
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", path: "/" },
    },
    // Flood guard in front of the database-backed throttle (lib/auth/throttle.ts), per IP.
    rateLimit: {
      enabled: true,
      storage: "memory",
      window: 60,
      max: 300,
      customRules: { "/sign-in/email": { window: 60, max: 60 } },
    },
    hooks,
    logger: {
      // "info": better-auth then leaves expected refusals (401, 429) unlogged; real warnings and
      // errors still reach our logger below.
      level: "info",
      log: (level, message) => {
        if (level === "error") log.error({ component: "better-auth" }, message);
        else if (level === "warn") log.warn({ component: "better-auth" }, message);
      },
    },
    telemetry: { enabled: false },
    plugins: authPlugins(settings),
  });
}

/** Roles and deactivation (admin), the bank's SSO when configured, and Next's cookie bridge. */
function authPlugins(settings: AuthSettings) {
  return [
    admin({
      ac,
      roles: adminPluginRoles,
      adminRoles: ["admin"],
      defaultRole: "analyst",
      bannedUserMessage: "This account is deactivated. Ask an administrator to reactivate it.",
    }),
    ...(settings.oidc
      ? [
          genericOAuth({
            config: [
              {
                providerId: settings.oidc.providerId,
                name: settings.oidc.name,
                discoveryUrl: settings.oidc.discoveryUrl,
                clientId: settings.oidc.clientId,
                clientSecret: settings.oidc.clientSecret,
                scopes: settings.oidc.scopes,
                disableImplicitSignUp: true,
                requireIdTokenVerification: true,
              },
            ],
          }),
        ]
      : []),
    // Last, as better-auth requires: lets server actions set the session cookie.
    nextCookies(),
  ];
}

export type Auth = ReturnType<typeof createAuth>;
