import { describe, expect, it } from "vitest";
import { AddressBook, Watchlist } from "./address-book";
import { createEngine, MAX_EVIDENCE } from "./engine";
import { r02Structuring } from "./rules/r02-structuring";
import { r04FanIn } from "./rules/r04-fan-in";
import { entityRow, HOUR, T0, transfer, usd, wallet } from "./testing/fixtures";

const engineFor = (rule: typeof r02Structuring, book: AddressBook = new AddressBook([])) =>
  createEngine({
    chainId: 7,
    rules: [{ instance: rule.instantiate(rule.defaults), version: 3 }],
    book,
    watchlist: new Watchlist([]),
    events: [],
  });

describe("engine", () => {
  it("raises nothing while priming, but primed history counts for later logs", () => {
    const S = wallet(1);
    const ts = [0, 1, 2].map((i) => transfer(S, wallet(2), usd(900), T0 + i * HOUR));
    const e = engineFor(r02Structuring);
    e.prime(ts[0]!);
    e.prime(ts[1]!);
    expect(e.alerts).toEqual([]);
    e.process(ts[2]!);
    expect(e.alerts).toHaveLength(1);
  });

  it("records rule version, parameters, corridor, entities and a stable key", () => {
    const S = wallet(1);
    const R = wallet(2);
    const book = new AddressBook([entityRow(R, { entityId: 12, country: "PK" })]);
    const e = engineFor(r02Structuring, book);
    const ts = [0, 1, 2].map((i) => transfer(S, R, usd(900), T0 + i));
    ts.forEach((t) => e.process(t));
    const [a] = e.alerts;
    expect(a).toMatchObject({
      ruleId: "R2",
      ruleVersion: 3,
      logicVersion: 1,
      chainId: 7,
      corridorOrigin: "ZZ",
      corridorDestination: "PK",
      entityIds: [12],
      params: r02Structuring.defaults,
      key: `R2|7|structuring|${S}|${ts[2]!.txHash}|0`,
    });
  });

  it("caps evidence, keeping the trigger and saying how much was left out", () => {
    const C = wallet(0xc);
    const e = engineFor(r04FanIn);
    for (let i = 0; i < 400; i++) e.process(transfer(wallet(1_000 + i), C, usd(1), T0 + i));
    const out = transfer(C, wallet(9), usd(400), T0 + HOUR);
    e.process(out);
    const [a] = e.alerts;
    expect(a?.evidence).toHaveLength(MAX_EVIDENCE);
    expect(a?.evidence.at(-1)).toMatchObject({ role: "trigger", block: out.block });
    expect(a?.facts.evidenceShown).toBe(`${MAX_EVIDENCE} of 401`);
  });
});
