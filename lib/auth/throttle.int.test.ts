// The sign-in throttle against Postgres, on an explicit clock: exact waits, the window, concurrency.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { findSignInWait, noteSignInFailure, noteSignInSuccess } from "./throttle";

let handle: DbHandle;
let database: TestDatabase;

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_throttle"));
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

const T0 = Date.parse("2026-03-02T09:00:00Z");
const at = (ms: number) => new Date(T0 + ms);

describe("sign-in throttle", () => {
  it("waits 1, 2, 4, 8, 16, 30, 30 s after the 3rd to 9th failure of an account", async () => {
    const email = "officer@bank.example";
    const waits: number[] = [];
    let t = 0;
    for (let n = 1; n <= 9; n++) {
      const { waitMs } = await noteSignInFailure(handle.db, { email, ip: null, now: at(t) });
      waits.push(waitMs);
      const retryAt = await findSignInWait(handle.db, { email, ip: null, now: at(t) });
      expect(retryAt?.getTime() ?? null, `after failure ${n}`).toBe(waitMs > 0 ? T0 + t + waitMs : null);
      if (waitMs > 0) {
        expect(await findSignInWait(handle.db, { email, ip: null, now: at(t + waitMs - 1) })).not.toBeNull();
        expect(await findSignInWait(handle.db, { email, ip: null, now: at(t + waitMs) })).toBeNull();
      }
      t += waitMs;
    }
    expect(waits).toEqual([0, 0, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it("starts counting again 15 minutes after the first failure, and after a success", async () => {
    const email = "window@bank.example";
    for (let n = 0; n < 3; n++) await noteSignInFailure(handle.db, { email, ip: null, now: at(n) });
    expect((await noteSignInFailure(handle.db, { email, ip: null, now: at(10) })).waitMs).toBe(2_000);
    expect((await noteSignInFailure(handle.db, { email, ip: null, now: at(15 * 60_000) })).waitMs).toBe(0);
    await noteSignInFailure(handle.db, { email, ip: null, now: at(15 * 60_000 + 1) });
    expect((await noteSignInFailure(handle.db, { email, ip: null, now: at(15 * 60_000 + 2) })).waitMs).toBe(
      1_000,
    );
    await noteSignInSuccess(handle.db, { email });
    expect((await noteSignInFailure(handle.db, { email, ip: null, now: at(15 * 60_000 + 3) })).waitMs).toBe(
      0,
    );
  });

  it("counts concurrent failures exactly and keeps the longest wait", async () => {
    const email = "burst@bank.example";
    const ip = "203.0.113.9";
    const results = await Promise.all(
      Array.from({ length: 12 }, () => noteSignInFailure(handle.db, { email, ip, now: at(0) })),
    );
    // Account: the 12th failure waits 30 s; the address (from its 10th) at most 4 s.
    expect(Math.max(...results.map((r) => r.waitMs))).toBe(30_000);
    expect((await findSignInWait(handle.db, { email, ip, now: at(0) }))?.getTime()).toBe(T0 + 30_000);
    // The address alone, for another account: its 12th failure set 4 s.
    expect(
      (await findSignInWait(handle.db, { email: "other@bank.example", ip, now: at(0) }))?.getTime(),
    ).toBe(T0 + 4_000);
  });

  it("refuses an address for 15 minutes from its 20th failure, whatever the account", async () => {
    const ip = "203.0.113.20";
    let t = 0;
    for (let n = 1; n <= 20; n++) {
      const { waitMs } = await noteSignInFailure(handle.db, {
        email: `spray${n}@bank.example`,
        ip,
        now: at(t),
      });
      if (n === 20) expect(waitMs).toBe(15 * 60_000);
      t += 30_000;
    }
    const last = t - 30_000;
    const wait = (ms: number) => findSignInWait(handle.db, { email: "new@bank.example", ip, now: at(ms) });
    expect((await wait(last + 1))?.getTime()).toBe(T0 + last + 15 * 60_000);
    expect(await wait(last + 15 * 60_000)).toBeNull();
  });
});
