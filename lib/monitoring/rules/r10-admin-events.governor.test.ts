// R10 with a TokenGovernor as the token's owner (DOMAIN.md §1b): the token event names the
// governor as caller, the governor's own event in the same transaction names the real actor.
import { describe, expect, it } from "vitest";
import {
  newTx,
  runRule,
  T0,
  taggedRow,
  TOKEN,
  tokenEvent,
  transferIn,
  usd,
  wallet,
} from "../testing/fixtures";
import type { MonitorEvent } from "../types";
import { r10AdminEvents } from "./r10-admin-events";

const GOV = wallet(0x60);
const FREEZER = wallet(0xf1);
const PAUSER = wallet(0xf2);
const ADMIN = wallet(0xad);
const MINTER = wallet(0xa1);
const A = wallet(1);
const B = wallet(2);
const book = [
  { ...taggedRow(GOV, []), label: "USD1 governor" },
  { ...taggedRow(FREEZER, []), label: "Freezer key" },
];

type Tx = ReturnType<typeof newTx>;
const tok = (tx: Tx, logIndex: number, kind: MonitorEvent["kind"], f: Partial<MonitorEvent> = {}) =>
  tokenEvent(kind, T0, { ...tx, logIndex, emitter: TOKEN, ...f });
const gov = (tx: Tx, logIndex: number, kind: MonitorEvent["kind"], f: Partial<MonitorEvent> = {}) =>
  tokenEvent(kind, T0, { ...tx, logIndex, emitter: GOV, ...f });
const variants = (alerts: { key: string }[]) => alerts.map((a) => a.key.split("|")[2]);

describe("R10 through a governor", () => {
  it("raises one alert per action, naming the governor's caller and the governor as the path", () => {
    const tx = newTx();
    const items = [
      tok(tx, 1, "freeze", { actor: GOV, subject: A }),
      gov(tx, 2, "account_frozen", { actor: FREEZER, subject: A }),
    ];
    const [alert, ...rest] = runRule(r10AdminEvents, items, { book });
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({ subject: A, logIndex: 1, severity: "severe", logicVersion: 2 });
    expect(alert?.explanation).toBe(
      `Issuer/admin event: Freezer key (0x0000…00f1) froze the account unattributed wallet 0x0000…0001 through the governor USD1 governor (0x0000…0060) (event freeze with governor account_frozen). Recorded for supervisory review.`,
    );
    expect(alert?.evidence.map((e) => `${e.logIndex}:${e.role}`)).toEqual(["1:event", "2:governor_event"]);
    expect(alert?.addresses).toEqual([FREEZER, A, GOV]);
  });

  it("one alert whichever log comes first, and none for a governor event whose token event is in the tx", () => {
    const tx = newTx();
    const items = [gov(tx, 0, "contract_paused", { actor: PAUSER }), tok(tx, 1, "pause", { actor: GOV })];
    const alerts = runRule(r10AdminEvents, items, {
      book,
      params: { eventKinds: ["pause", "contract_paused"] },
    });
    expect(variants(alerts)).toEqual(["event:pause"]);
    expect(alerts[0]?.explanation).toContain(
      "unattributed wallet 0x0000…00f2 paused all transfers through the governor",
    );
  });

  it("pairs several actions of one transaction by the account acted upon", () => {
    const tx = newTx();
    const items = [
      tok(tx, 1, "freeze", { actor: GOV, subject: A }),
      tok(tx, 2, "freeze", { actor: GOV, subject: B }),
      gov(tx, 3, "account_frozen", { actor: PAUSER, subject: B }),
      gov(tx, 4, "account_frozen", { actor: FREEZER, subject: A }),
    ];
    const alerts = runRule(r10AdminEvents, items, { book });
    expect(alerts.map((a) => [a.subject, a.addresses[0]])).toEqual([
      [A, FREEZER],
      [B, PAUSER],
    ]);
  });

  it("names the token function of a reallocation made through TokenFunctionExecuted", () => {
    const tx = newTx();
    const items = [
      tok(tx, 1, "frozen_funds_reallocated", { actor: GOV, subject: A, counterparty: B, amount: usd(50) }),
      transferIn({ ...tx, logIndex: 2 }, A, B, usd(50), T0),
      gov(tx, 3, "token_function_executed", {
        actor: ADMIN,
        args: { function: "reallocate", caller: ADMIN },
      }),
    ];
    const alerts = runRule(r10AdminEvents, items, { book, seeds: undefined });
    expect(variants(alerts)).toEqual(["event:frozen_funds_reallocated"]);
    expect(alerts[0]?.explanation).toContain("0x0000…00ad reallocated funds out of the frozen account");
    expect(alerts[0]?.explanation).toContain("(0x0000…0060), token function reallocate() (event");
  });

  it("reports role grants and revocations by default, with the role's name", () => {
    const items = [
      gov(newTx(), 1, "role_granted", { actor: ADMIN, subject: MINTER, args: { roleName: "MINTER_ROLE" } }),
      gov(newTx(), 1, "role_revoked", { actor: ADMIN, subject: MINTER, args: { role: "0xabc" } }),
    ];
    const alerts = runRule(r10AdminEvents, items, { book });
    expect(variants(alerts)).toEqual(["event:role_granted", "event:role_revoked"]);
    expect(alerts.map((a) => a.subject)).toEqual([MINTER, MINTER]);
    expect(alerts[0]?.explanation).toContain(
      "granted the governor role MINTER_ROLE to unattributed wallet 0x0000…00a1",
    );
    expect(alerts[1]?.explanation).toContain("revoked the governor role 0xabc from");
  });

  it("reports V2 upgrades (Initialized) and ERC20 recoveries by default; unconfigured kinds stay quiet", () => {
    const recover = newTx();
    const items = [
      tok(newTx(), 1, "initialized", { args: { version: "2" } }),
      tok(recover, 1, "erc20_recovered", { actor: GOV, subject: B, amount: usd(3) }),
      gov(recover, 2, "token_function_executed", { actor: ADMIN, args: { function: "recoverERC20" } }),
      // unfreeze and its companion: not configured.
      tok(newTx(), 1, "unfreeze", { actor: GOV, subject: A }),
    ];
    const alerts = runRule(r10AdminEvents, items, { book });
    expect(variants(alerts)).toEqual(["event:initialized", "event:erc20_recovered"]);
    expect(alerts[0]?.explanation).toContain("initialized the token implementation at version 2");
    expect(alerts[1]?.addresses[0]).toBe(ADMIN);
  });

  it("a governor event without its token event is an action of its own when configured", () => {
    const items = [gov(newTx(), 1, "account_frozen", { actor: FREEZER, subject: A })];
    expect(runRule(r10AdminEvents, items, { book })).toEqual([]);
    const alerts = runRule(r10AdminEvents, items, { book, params: { eventKinds: ["account_frozen"] } });
    expect(variants(alerts)).toEqual(["event:account_frozen"]);
    expect(alerts[0]?.explanation).toContain("Freezer key (0x0000…00f1) froze the account");
  });
});
