import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "@/db/client";
import { listAuditLog } from "@/db/queries/audit";
import { countUserSessions, findUserByEmail } from "@/db/queries/users";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { createLogger } from "@/lib/logger";
import { seedDemoUsers } from "./demo-users";
import { createAuthRoute } from "./http";
import { createAuth, type Auth } from "./server";
import { resolveAuthSettings } from "./settings";
import { INVALID_CREDENTIALS_MESSAGE } from "./throttle";

const ORIGIN = "http://127.0.0.1:3999";
const EXTRA = [
  { email: "lock@demo.local", name: "Lock Target", role: "analyst", password: "lock-target-pass" },
  { email: "victim@demo.local", name: "Victim", role: "analyst", password: "victim-user-pass" },
] as const;

let handle: DbHandle;
let database: TestDatabase;
let auth: Auth;
// Requests go through the same allowlisting route the app mounts at /api/auth/*.
let route: ReturnType<typeof createAuthRoute>;

function post(path: string, body: unknown, init: { ip?: string; origin?: string; cookie?: string } = {}) {
  const headers = new Headers({ "content-type": "application/json", origin: init.origin ?? ORIGIN });
  headers.set("x-forwarded-for", init.ip ?? "192.0.2.1");
  if (init.cookie) headers.set("cookie", init.cookie);
  return route.POST(
    new Request(`${ORIGIN}/api/auth${path}`, { method: "POST", headers, body: JSON.stringify(body) }),
  );
}

function signIn(email: string, password: string, ip?: string) {
  return post("/sign-in/email", { email, password }, ip ? { ip } : {});
}

function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function sessionOf(cookie: string) {
  const res = await route.GET(
    new Request(`${ORIGIN}/api/auth/get-session`, { headers: { cookie, origin: ORIGIN } }),
  );
  return (await res.json()) as { user?: { email: string } } | null;
}

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_auth"));
  await seedDemoUsers(handle.db, EXTRA);
  const settings = resolveAuthSettings({ NODE_ENV: "test" });
  auth = createAuth({ db: handle.db, settings, log: createLogger("test", "silent") });
  route = createAuthRoute(async () => auth);
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

describe("sign-in", () => {
  it("signs in with the right password, sets an httpOnly SameSite cookie and audits it", async () => {
    const res = await signIn("analyst@demo.local", "demo-analyst-pass");
    expect(res.status).toBe(200);
    const setCookie = res.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/usd1\.session_token=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    // Session expiry: a working day (lib/auth/server.ts SESSION_EXPIRES_IN).
    expect(setCookie).toMatch(/usd1\.session_token=[^\n]*Max-Age=43200/);
    const session = await sessionOf(cookieOf(res));
    expect(session?.user?.email).toBe("analyst@demo.local");
    const { rows } = await listAuditLog(handle.db, { action: "auth.sign_in", limit: 10, offset: 0 });
    expect(rows.map((r) => r.actorEmail)).toContain("analyst@demo.local");
  });

  it("answers the same for a wrong password and an unknown account", async () => {
    const wrong = await signIn("compliance@demo.local", "not-the-password", "192.0.2.10");
    const unknown = await signIn("nobody@demo.local", "not-the-password", "192.0.2.10");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = (await wrong.json()) as { message: string };
    const b = (await unknown.json()) as { message: string };
    expect(a.message).toBe(INVALID_CREDENTIALS_MESSAGE);
    expect(b).toEqual(a);
  });
});

describe("throttle", () => {
  // Only Date is faked: the waits are read from the clock, while timers and sockets run as usual.
  const clock = { at: 0 };
  function travel(ms: number) {
    clock.at += ms;
    vi.setSystemTime(clock.at);
  }
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    clock.at = Date.now();
  });
  afterAll(() => vi.useRealTimers());

  async function answer(res: Response) {
    return { status: res.status, message: ((await res.json()) as { message: string }).message };
  }

  it("delays an account from the 3rd failure (1 s, then 2 s), from any address; the right password after the wait signs in and resets the count", async () => {
    const wrong = (ip: string) => signIn("lock@demo.local", "wrong-password", ip);
    const right = (ip: string) => signIn("lock@demo.local", "lock-target-pass", ip);
    expect(await answer(await wrong("192.0.2.20"))).toEqual({
      status: 401,
      message: INVALID_CREDENTIALS_MESSAGE,
    });
    expect(await answer(await wrong("192.0.2.21"))).toEqual({
      status: 401,
      message: INVALID_CREDENTIALS_MESSAGE,
    });
    expect(await answer(await wrong("192.0.2.22"))).toEqual({
      status: 401,
      message: "Wrong email or password. Try again in 1 s.",
    });
    // Before the wait has elapsed, even the right password from another address is refused unchecked.
    const early = await right("192.0.2.23");
    expect(early.headers.getSetCookie()).toEqual([]);
    expect(await answer(early)).toEqual({
      status: 429,
      message: "Too many failed sign-in attempts. Try again in 1 s.",
    });
    travel(1_000);
    expect(await answer(await wrong("192.0.2.24"))).toEqual({
      status: 401,
      message: "Wrong email or password. Try again in 2 s.",
    });
    travel(1_999);
    expect((await right("192.0.2.25")).status).toBe(429);
    travel(1);
    const ok = await right("192.0.2.26");
    expect(ok.status).toBe(200);
    expect((await sessionOf(cookieOf(ok)))?.user?.email).toBe("lock@demo.local");
    // The success cleared the account's count: three more failures before any wait.
    expect(await answer(await wrong("192.0.2.27"))).toEqual({
      status: 401,
      message: INVALID_CREDENTIALS_MESSAGE,
    });
    expect(await answer(await wrong("192.0.2.28"))).toEqual({
      status: 401,
      message: INVALID_CREDENTIALS_MESSAGE,
    });
  });

  it("refuses an IP for 15 minutes at its 20th failure across accounts, and only that IP", async () => {
    const ip = "198.51.100.7";
    for (let i = 1; i <= 20; i++) {
      const res = await signIn(`spray${i}@demo.local`, "wrong-password", ip);
      expect(res.status, `failure ${i}`).toBe(401);
      travel(30_000); // past any delay, so each attempt is checked and counted
    }
    // 20 failures, the last one 30 s ago: 14.5 minutes to go, whatever the password.
    expect(await answer(await signIn("victim@demo.local", "victim-user-pass", ip))).toEqual({
      status: 429,
      message: "Too many failed sign-in attempts. Try again in 15 min.",
    });
    travel(14 * 60_000 + 29_000);
    expect((await signIn("victim@demo.local", "victim-user-pass", ip)).status).toBe(429);
    expect((await signIn("victim@demo.local", "victim-user-pass", "198.51.100.8")).status).toBe(200);
    travel(1_000);
    expect((await signIn("victim@demo.local", "victim-user-pass", ip)).status).toBe(200);
  });
});

describe("bad input", () => {
  it("refuses over-long and malformed emails and passwords without counting or recording", async () => {
    const before = await listAuditLog(handle.db, { limit: 1, offset: 0 });
    const cases = [
      signIn(`${"a".repeat(250)}@demo.local`, "whatever-pass"),
      signIn("not-an-email", "whatever-pass"),
      signIn("analyst@demo.local", "x".repeat(129)),
    ];
    for (const res of await Promise.all(cases)) {
      expect(res.status).toBe(400);
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    const after = await listAuditLog(handle.db, { limit: 1, offset: 0 });
    expect(after.total).toBe(before.total);
  });

  it("ignores a forged cookie and a tampered session token", async () => {
    const res = await signIn("compliance2@demo.local", "demo-compliance2-pass");
    const cookie = cookieOf(res);
    expect(await sessionOf("usd1.session_token=forged.value")).toBeNull();
    const tampered = cookie.replace(
      /session_token=([^.;]+)/,
      (_, tok: string) => `session_token=${tok.slice(0, -2)}xx`,
    );
    expect(tampered).not.toBe(cookie);
    expect(await sessionOf(tampered)).toBeNull();
    expect((await sessionOf(cookie))?.user?.email).toBe("compliance2@demo.local");
  });

  it("refuses a cross-site sign-in post", async () => {
    const res = await post(
      "/sign-in/email",
      { email: "analyst@demo.local", password: "demo-analyst-pass" },
      { origin: "https://evil.example" },
    );
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});

describe("HTTP surface", () => {
  it("does not expose better-auth's admin, sign-up or account endpoints", async () => {
    const adminCookie = cookieOf(await signIn("admin@demo.local", "demo-admin-pass"));
    for (const path of [
      "/admin/set-role",
      "/admin/create-user",
      "/admin/impersonate-user",
      "/sign-up/email",
      "/change-password",
    ]) {
      const res = await post(
        path,
        { userId: "x", role: "admin", email: "a@b.io", password: "p".repeat(12), name: "a" },
        { cookie: adminCookie },
      );
      expect(res.status, path).toBe(404);
    }
  });
});

describe("sessions", () => {
  it("sign-out deletes the session and is audited", async () => {
    const res = await signIn("compliance@demo.local", "demo-compliance-pass", "192.0.2.99");
    const cookie = cookieOf(res);
    const out = await post("/sign-out", {}, { cookie });
    expect(out.status).toBe(200);
    expect(await sessionOf(cookie)).toBeNull();
    const { rows } = await listAuditLog(handle.db, { action: "auth.sign_out", limit: 5, offset: 0 });
    expect(rows[0]?.actorEmail).toBe("compliance@demo.local");
  });

  it("deactivating a user ends their sessions at once", async () => {
    const adminCookie = cookieOf(await signIn("admin@demo.local", "demo-admin-pass"));
    const victimCookie = cookieOf(await signIn("victim@demo.local", "victim-user-pass", "192.0.2.77"));
    const victim = await findUserByEmail(handle.db, { email: "victim@demo.local" });
    expect(victim).not.toBeNull();
    expect((await sessionOf(victimCookie))?.user?.email).toBe("victim@demo.local");
    await auth.api.banUser({
      body: { userId: victim!.id },
      headers: new Headers({ cookie: adminCookie, host: "127.0.0.1:3999" }),
    });
    expect(await countUserSessions(handle.db, { userId: victim!.id })).toBe(0);
    expect(await sessionOf(victimCookie)).toBeNull();
    const again = await signIn("victim@demo.local", "victim-user-pass", "192.0.2.78");
    expect(again.status).toBe(403);
  });
});
