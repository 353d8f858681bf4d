// Users, credentials and the sign-in throttle. better-auth reads and writes these tables through
// its Drizzle adapter; these functions are for what it does not cover (lists for the admin page,
// the CLI and demo seeding, the last-admin rule, the per-account/per-IP sign-in throttle).
import { and, asc, count, eq, gt, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { accounts, sessions, signInThrottle, users, type UserRole } from "../schema/auth";

type Reader = Db | Tx;

export type UserRow = {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  deactivated: boolean;
  createdAt: Date;
  activeSessions: number;
};

/** Every user with their count of unexpired sessions, by email. */
export async function listUsers(db: Reader): Promise<UserRow[]> {
  const live = db
    .select({ userId: sessions.userId, n: count().as("n") })
    .from(sessions)
    .where(gt(sessions.expiresAt, sql`now()`))
    .groupBy(sessions.userId)
    .as("live");
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      banned: users.banned,
      createdAt: users.createdAt,
      activeSessions: live.n,
    })
    .from(users)
    .leftJoin(live, eq(live.userId, users.id))
    .orderBy(asc(users.email));
  return rows.map(({ banned, activeSessions, ...r }) => ({
    ...r,
    deactivated: banned,
    activeSessions: Number(activeSessions ?? 0),
  }));
}

export type GetUserParams = { id: string };
export type UserSummary = { id: string; email: string; name: string; role: UserRole; deactivated: boolean };

export async function getUser(db: Reader, params: GetUserParams): Promise<UserSummary | null> {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, banned: users.banned })
    .from(users)
    .where(eq(users.id, params.id));
  return row
    ? { id: row.id, email: row.email, name: row.name, role: row.role, deactivated: row.banned }
    : null;
}

export type FindUserByEmailParams = { email: string };

export async function findUserByEmail(
  db: Reader,
  params: FindUserByEmailParams,
): Promise<UserSummary | null> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, params.email.toLowerCase()));
  return row ? getUser(db, { id: row.id }) : null;
}

/** Admins who can still sign in: the last one may not be demoted or deactivated. */
export async function countActiveAdmins(db: Reader): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.banned, false)));
  return Number(row?.n ?? 0);
}

export type CreateUserWithPasswordParams = {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  /** better-auth's scrypt hash (better-auth/crypto hashPassword): the format its sign-in verifies. */
  passwordHash: string;
};

/**
 * A user with an email/password credential, as better-auth's admin createUser writes it (account
 * row with providerId "credential" and accountId = user id). For the CLI and demo seeding, which
 * run without a web request. Returns false when the email is taken (nothing written).
 */
export async function createUserWithPassword(db: Db, params: CreateUserWithPasswordParams): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(users)
      .values({
        id: params.id,
        email: params.email.toLowerCase(),
        name: params.name,
        role: params.role,
        emailVerified: true,
      })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (inserted.length === 0) return false;
    await tx.insert(accounts).values({
      id: `${params.id}-credential`,
      accountId: params.id,
      providerId: "credential",
      userId: params.id,
      password: params.passwordHash,
    });
    return true;
  });
}

export type CountUserSessionsParams = { userId: string };

export async function countUserSessions(db: Reader, params: CountUserSessionsParams): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(sessions)
    .where(and(eq(sessions.userId, params.userId), gt(sessions.expiresAt, sql`now()`)));
  return Number(row?.n ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Sign-in throttle

export type GetSignInLocksParams = { keys: string[]; now: Date };

/** Keys among `keys` held at `now` (no attempt allowed yet), with the time each hold ends. */
export async function getSignInLocks(
  db: Reader,
  params: GetSignInLocksParams,
): Promise<{ key: string; lockedUntil: Date }[]> {
  if (params.keys.length === 0) return [];
  const rows = await db
    .select({ key: signInThrottle.key, lockedUntil: signInThrottle.lockedUntil })
    .from(signInThrottle)
    .where(
      and(
        inArray(signInThrottle.key, params.keys),
        isNotNull(signInThrottle.lockedUntil),
        gt(signInThrottle.lockedUntil, params.now),
      ),
    );
  return rows.flatMap((r) => (r.lockedUntil ? [{ key: r.key, lockedUntil: r.lockedUntil }] : []));
}

export type RecordSignInFailureParams = {
  key: string;
  now: Date;
  /** Failures count within this window from the first one; a later failure starts again at 1. */
  windowMs: number;
};

/**
 * One failed attempt for `key`, atomically (concurrent failures cannot both read 4 and write 5);
 * returns the count within the window. The wait that follows is set by `holdSignIn`.
 */
export async function recordSignInFailure(
  db: Reader,
  params: RecordSignInFailureParams,
): Promise<{ failures: number }> {
  const { key, now } = params;
  const windowStart = new Date(now.getTime() - params.windowMs);
  const t = signInThrottle;
  const stale = sql`(${t.windowStartedAt} <= ${windowStart})`;
  const [row] = await db
    .insert(t)
    .values({ key, failures: 1, windowStartedAt: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        failures: sql`case when ${stale} then 1 else ${t.failures} + 1 end`,
        windowStartedAt: sql`case when ${stale} then ${now} else ${t.windowStartedAt} end`,
      },
    })
    .returning({ failures: t.failures });
  return { failures: row?.failures ?? 1 };
}

export type HoldSignInParams = { key: string; until: Date };

/**
 * No attempt for `key` before `until` (stored in `locked_until`). Only ever pushed later, so of
 * two concurrent failures the longer wait stands.
 */
export async function holdSignIn(db: Reader, params: HoldSignInParams): Promise<void> {
  const t = signInThrottle;
  await db
    .update(t)
    .set({ lockedUntil: sql`greatest(coalesce(${t.lockedUntil}, ${params.until}), ${params.until})` })
    .where(eq(t.key, params.key));
}

export type ClearSignInFailuresParams = { keys: string[] };

export async function clearSignInFailures(db: Reader, params: ClearSignInFailuresParams): Promise<void> {
  if (params.keys.length === 0) return;
  await db.delete(signInThrottle).where(inArray(signInThrottle.key, params.keys));
}
