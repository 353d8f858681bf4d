// GET /api/health – liveness and database reachability
import { connection, NextResponse } from "next/server";
import { getDb } from "@/db";
import { pingDatabase } from "@/db/queries/overview";
import { createLogger } from "@/lib/logger";
import { env } from "@/lib/env.js";

const log = createLogger("web-health", env.LOG_LEVEL);
const DB_TIMEOUT_MS = 2_000;

export type HealthBody = { ok: boolean; db: "up" | "down" };

export const GET = async (): Promise<NextResponse<HealthBody>> => {
  await connection();
  try {
    await withTimeout(getDb().then(pingDatabase), DB_TIMEOUT_MS);
    return NextResponse.json({ ok: true, db: "up" }, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    log.warn({ err }, "database unreachable");
    // 503 so load balancers and wait-on style probes treat a dead database as not ready.
    return NextResponse.json(
      { ok: false, db: "down" },
      { status: 503, headers: { "cache-control": "no-store" } },
    );
  }
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database ping timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
