import { describe, expect, it } from "vitest";
import { emptySeeds } from "../rule";
import { runRule, T0, tokenEvent, transfer, usd, wallet } from "../testing/fixtures";
import { r10AdminEvents } from "./r10-admin-events";

const OWNER = wallet(0xaa);
const A = wallet(1);
const B = wallet(2);

describe("R10 issuer and admin events", () => {
  it("records each configured admin event as a severe alert", () => {
    const events = [
      tokenEvent("freeze", T0, { actor: OWNER, subject: A }),
      tokenEvent("pause", T0 + 1, { actor: OWNER }),
      tokenEvent("unpause", T0 + 2, { actor: OWNER }),
      tokenEvent("upgraded", T0 + 3, { subject: wallet(0x1b) }),
    ];
    const alerts = runRule(r10AdminEvents, events);
    expect(alerts.map((a) => a.key.split("|")[2])).toEqual(["event:freeze", "event:pause", "event:upgraded"]);
    expect(alerts[0]).toMatchObject({ severity: "severe", subject: A, corridorOrigin: null });
    expect(alerts[1]?.explanation).toContain("paused all transfers");
  });

  it("flags a transfer touching a frozen account until it is unfrozen", () => {
    const items = [
      tokenEvent("freeze", T0, { actor: OWNER, subject: A }),
      transfer(B, A, usd(1), T0 + 1),
      tokenEvent("unfreeze", T0 + 2, { actor: OWNER, subject: A }),
      transfer(B, A, usd(1), T0 + 3),
    ];
    const alerts = runRule(r10AdminEvents, items, { params: { eventKinds: [] } });
    expect(alerts.map((a) => [a.key.split("|")[2], a.block])).toEqual([["frozen_touch:to", items[1]!.block]]);
  });

  it("does not double-report the issuer's own drain, and starts from seeded frozen accounts", () => {
    const drain = transfer(A, OWNER, usd(70), T0 + 5);
    const ev = tokenEvent("frozen_account_drained", T0 + 5, {
      actor: OWNER,
      subject: A,
      amount: usd(70),
      txHash: drain.txHash,
    });
    const seeds = { ...emptySeeds(), frozen: new Set([A]) };
    const alerts = runRule(r10AdminEvents, [drain, ev], { seeds });
    expect(alerts.map((a) => a.key.split("|")[2])).toEqual(["event:frozen_account_drained"]);
    expect(runRule(r10AdminEvents, [transfer(A, B, usd(1), T0)], { seeds })).toHaveLength(1);
  });
});
