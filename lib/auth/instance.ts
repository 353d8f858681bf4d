// The web process's one better-auth instance, built on first use (it needs the database handle).
import "server-only";
import { getDb } from "@/db";
import { env } from "@/lib/env.js";
import { createLogger } from "@/lib/logger";
import { createAuth, type Auth } from "./server";
import { resolveAuthSettings, type AuthSettings } from "./settings";

const log = createLogger("web-auth", env.LOG_LEVEL);
const g = globalThis as typeof globalThis & { __usd1Auth?: Promise<Auth> };

/** Throws (AuthConfigError) on a production environment without a secret or public URL. */
export function getAuthSettings(): AuthSettings {
  return resolveAuthSettings(env);
}

export function getAuth(): Promise<Auth> {
  g.__usd1Auth ??= (async () => {
    const settings = getAuthSettings();
    if (settings.usesDemoSecret) {
      log.warn("using the fixed demo BETTER_AUTH_SECRET: fine for the demo and tests, never for production");
    }
    return createAuth({ db: await getDb(), settings, log });
  })().catch((err: unknown) => {
    g.__usd1Auth = undefined;
    throw err;
  });
  return g.__usd1Auth;
}
