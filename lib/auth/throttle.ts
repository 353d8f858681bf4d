// Sign-in lockout: per account and per client IP, counted in the database (sign_in_throttle).
// Locks apply to whatever email is typed, existing or not, so a lock says nothing about whether
// an account exists.
import type { Db } from "@/db/client";
import { clearSignInFailures, getSignInLocks, recordSignInFailure } from "@/db/queries/users";

export type ThrottlePolicy = { maxFailures: number; windowMs: number; lockMs: number };

const MINUTE = 60_000;
/** 5 wrong passwords for one account within 15 minutes lock it for 15 minutes. */
export const ACCOUNT_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
/**
 * One address trying many accounts. Higher than the account limit because a bank's staff share a
 * few egress addresses; still stops a password spray from one host.
 */
export const IP_POLICY: ThrottlePolicy = { maxFailures: 20, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };

export const LOCKED_MESSAGE =
  "Too many failed sign-in attempts. Sign-in is locked for 15 minutes; try again later or ask an administrator.";
export const INVALID_CREDENTIALS_MESSAGE = "Wrong email or password.";

export function accountKey(email: string): string {
  return `account:${email.trim().toLowerCase()}`;
}
export function ipKey(ip: string): string {
  return `ip:${ip}`;
}

function keysFor(email: string, ip: string | null): string[] {
  return ip ? [accountKey(email), ipKey(ip)] : [accountKey(email)];
}

/** The latest end of any lock on this email or IP, or null when sign-in may proceed. */
export async function findSignInLock(
  db: Db,
  p: { email: string; ip: string | null; now?: Date },
): Promise<Date | null> {
  const locks = await getSignInLocks(db, { keys: keysFor(p.email, p.ip), now: p.now ?? new Date() });
  if (locks.length === 0) return null;
  return new Date(Math.max(...locks.map((l) => l.lockedUntil.getTime())));
}

/** Counts a failure against the account and the IP; returns whether either is now locked. */
export async function noteSignInFailure(
  db: Db,
  p: { email: string; ip: string | null; now?: Date },
): Promise<{ locked: boolean }> {
  const now = p.now ?? new Date();
  const results = await Promise.all([
    recordSignInFailure(db, { key: accountKey(p.email), now, ...ACCOUNT_POLICY }),
    ...(p.ip ? [recordSignInFailure(db, { key: ipKey(p.ip), now, ...IP_POLICY })] : []),
  ]);
  return { locked: results.some((r) => r.lockedUntil !== null && r.lockedUntil > now) };
}

/** A successful sign-in clears the account's count (the IP's count runs out on its own). */
export async function noteSignInSuccess(db: Db, p: { email: string }): Promise<void> {
  await clearSignInFailures(db, { keys: [accountKey(p.email)] });
}
