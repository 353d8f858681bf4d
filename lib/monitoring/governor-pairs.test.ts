import { describe, expect, it } from "vitest";
import type { TokenEventKind } from "@/db/schema/chain";
import { companionOf, GOVERNOR_PAIRS, isCompanion, pairsWith, type PairableEvent } from "./governor-pairs";

const ev = (logIndex: number, kind: TokenEventKind, f: Partial<PairableEvent> = {}): PairableEvent => ({
  logIndex,
  kind,
  subject: null,
  amount: null,
  ...f,
});

describe("governor pairs", () => {
  it("pairs each token admin event with its governor kind, and only token kinds lead a pair", () => {
    expect(pairsWith(ev(1, "freeze", { subject: "0xa" }), ev(2, "account_frozen", { subject: "0xa" }))).toBe(
      true,
    );
    expect(pairsWith(ev(1, "freeze", { subject: "0xa" }), ev(2, "account_frozen", { subject: "0xb" }))).toBe(
      false,
    );
    expect(pairsWith(ev(1, "freeze"), ev(2, "account_unfrozen"))).toBe(false);
    expect(pairsWith(ev(1, "pause"), ev(2, "contract_paused"))).toBe(true);
    expect(pairsWith(ev(2, "account_frozen"), ev(1, "freeze"))).toBe(false);
    for (const p of GOVERNOR_PAIRS) expect(p.tokenFunction).toMatch(/^[a-zA-Z0-9]+$/);
  });

  it("pairs mints and burns by amount (the token names the governor, the governor names the recipient)", () => {
    const mint = ev(1, "issuer_mint", { subject: "0xgov", amount: 5n });
    expect(pairsWith(mint, ev(3, "native_mint", { subject: "0xvasp", amount: 5n }))).toBe(true);
    expect(pairsWith(mint, ev(3, "bridge_mint", { subject: "0xvasp", amount: 5n }))).toBe(true);
    expect(pairsWith(mint, ev(3, "native_mint", { subject: "0xvasp", amount: 6n }))).toBe(false);
    expect(pairsWith(mint, ev(3, "native_burn", { amount: 5n }))).toBe(false);
  });

  it("pairs a reallocation only with a TokenFunctionExecuted that called reallocate", () => {
    const re = ev(1, "frozen_funds_reallocated", { subject: "0xa" });
    expect(pairsWith(re, ev(3, "token_function_executed", { args: { function: "reallocate" } }))).toBe(true);
    expect(pairsWith(re, ev(3, "token_function_executed", { args: { function: "recoverERC20" } }))).toBe(
      false,
    );
    expect(pairsWith(re, ev(3, "token_function_executed"))).toBe(false);
    // Another reallocation of the same transaction: by the account acted upon.
    const other = ev(4, "token_function_executed", { subject: "0xb", args: { function: "reallocate" } });
    expect(pairsWith(re, other)).toBe(false);
  });

  it("pairs any token admin event with the generic TokenFunctionExecuted that called its function", () => {
    const call = (fn: string, f: Partial<PairableEvent> = {}) =>
      ev(3, "token_function_executed", { args: { function: fn }, ...f });
    expect(pairsWith(ev(1, "freeze", { subject: "0xa" }), call("freeze", { subject: "0xa" }))).toBe(true);
    expect(pairsWith(ev(1, "pause"), call("pause"))).toBe(true);
    expect(pairsWith(ev(1, "pause"), call("unpause"))).toBe(false);
    expect(pairsWith(ev(1, "issuer_mint", { amount: 9n }), call("mint", { amount: 9n }))).toBe(true);
    expect(pairsWith(ev(1, "ownership_transferred"), call("acceptOwnership"))).toBe(true);
  });

  it("picks the nearest matching governor event and marks companions", () => {
    const a = ev(1, "freeze", { subject: "0xa" });
    const b = ev(2, "freeze", { subject: "0xb" });
    const ga = ev(4, "account_frozen", { subject: "0xa" });
    const gb = ev(3, "account_frozen", { subject: "0xb" });
    const lone = ev(5, "role_granted", { subject: "0xa" });
    const inTx = [a, b, gb, ga, lone];
    expect(companionOf(a, inTx)).toBe(ga);
    expect(companionOf(b, inTx)).toBe(gb);
    expect(companionOf(lone, inTx)).toBeUndefined();
    expect([ga, gb, lone, a].map((e) => isCompanion(e, inTx))).toEqual([true, true, false, false]);
  });
});
