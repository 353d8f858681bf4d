// Sign-in throttle: per account and per client IP, counted in the database (sign_in_throttle).
// An account is never locked. After a few failures each further attempt must wait a delay that
// doubles up to 30 s, and an attempt made before it has elapsed is refused unchecked: a guesser is
// slowed down, while the officer who waits still signs in (a hard lock let anyone keep a named
// officer out for 15 minutes by typing wrong passwords). One address failing across many accounts
// is delayed too and, past a limit, refused for 15 minutes. Delays apply to whatever email is
// typed, existing or not, so they say nothing about whether an account exists.
import type { Db } from "@/db/client";
import { clearSignInFailures, getSignInLocks, holdSignIn, recordSignInFailure } from "@/db/queries/users";

export type ThrottlePolicy = {
  /** Failures count within this window from the first one. */
  windowMs: number;
  /** Failures without any wait; the next one is followed by `baseDelayMs`. */
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** From this many failures on, the key is refused for `lockMs` (null: never). */
  lockAfter: number | null;
  lockMs: number;
};

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
/** After the 3rd failure 1 s, then 2, 4, 8, 16 and 30 s from the 8th on; never a lock. */
export const ACCOUNT_POLICY: ThrottlePolicy = {
  windowMs: 15 * MINUTE,
  freeFailures: 3,
  baseDelayMs: SECOND,
  maxDelayMs: 30 * SECOND,
  lockAfter: null,
  lockMs: 0,
};
/**
 * One address trying many accounts. Looser than the account delay because a bank's staff share a
 * few egress addresses: delays from the 10th failure in 15 minutes, and at the 20th the address
 * is refused for 15 minutes, which still stops a password spray from one host.
 */
export const IP_POLICY: ThrottlePolicy = {
  windowMs: 15 * MINUTE,
  freeFailures: 10,
  baseDelayMs: SECOND,
  maxDelayMs: 30 * SECOND,
  lockAfter: 20,
  lockMs: 15 * MINUTE,
};

export const INVALID_CREDENTIALS_MESSAGE = "Wrong email or password.";

/** How long the next attempt must wait after the `failures`-th failure within the window (ms). */
export function waitAfterFailures(failures: number, policy: ThrottlePolicy): number {
  if (policy.lockAfter !== null && failures >= policy.lockAfter) return policy.lockMs;
  if (failures < policy.freeFailures) return 0;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - policy.freeFailures));
}

/** "4 s", or whole minutes from one minute on; never "0 s". */
function formatWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / SECOND));
  return seconds < 60 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

/** The refusal of an attempt made before the wait has elapsed. */
export function tooSoonMessage(waitMs: number): string {
  return `Too many failed sign-in attempts. Try again in ${formatWait(waitMs)}.`;
}

/** The answer to a wrong password: the same words whether the account exists or not. */
export function wrongPasswordMessage(waitMs: number): string {
  return waitMs > 0
    ? `${INVALID_CREDENTIALS_MESSAGE} Try again in ${formatWait(waitMs)}.`
    : INVALID_CREDENTIALS_MESSAGE;
}

export function accountKey(email: string): string {
  return `account:${email.trim().toLowerCase()}`;
}
export function ipKey(ip: string): string {
  return `ip:${ip}`;
}

function keysFor(email: string, ip: string | null): string[] {
  return ip ? [accountKey(email), ipKey(ip)] : [accountKey(email)];
}

/** When this email and IP may try again, or null when they may now. */
export async function findSignInWait(
  db: Db,
  p: { email: string; ip: string | null; now?: Date },
): Promise<Date | null> {
  const held = await getSignInLocks(db, { keys: keysFor(p.email, p.ip), now: p.now ?? new Date() });
  if (held.length === 0) return null;
  return new Date(Math.max(...held.map((l) => l.lockedUntil.getTime())));
}

async function countFailure(db: Db, key: string, now: Date, policy: ThrottlePolicy): Promise<number> {
  const { failures } = await recordSignInFailure(db, { key, now, windowMs: policy.windowMs });
  const wait = waitAfterFailures(failures, policy);
  if (wait > 0) await holdSignIn(db, { key, until: new Date(now.getTime() + wait) });
  return wait;
}

/** Counts a failure against the account and the IP; returns how long the next attempt must wait. */
export async function noteSignInFailure(
  db: Db,
  p: { email: string; ip: string | null; now?: Date },
): Promise<{ waitMs: number }> {
  const now = p.now ?? new Date();
  const waits = await Promise.all([
    countFailure(db, accountKey(p.email), now, ACCOUNT_POLICY),
    ...(p.ip ? [countFailure(db, ipKey(p.ip), now, IP_POLICY)] : []),
  ]);
  return { waitMs: Math.max(...waits) };
}

/** A successful sign-in clears the account's count (the IP's count runs out on its own). */
export async function noteSignInSuccess(db: Db, p: { email: string }): Promise<void> {
  await clearSignInFailures(db, { keys: [accountKey(p.email)] });
}
