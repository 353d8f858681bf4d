import { describe, expect, it } from "vitest";
import { AddressBook, Watchlist, type AddressInfo } from "./address-book";
import { createEngine } from "./engine";
import { emptySeeds, type RuleModule } from "./rule";
import { r02Structuring } from "./rules/r02-structuring";
import { r03PassThrough } from "./rules/r03-pass-through";
import { r04FanIn } from "./rules/r04-fan-in";
import { r05FanOut } from "./rules/r05-fan-out";
import { r06HighValue } from "./rules/r06-high-value";
import { r07NewDormant } from "./rules/r07-new-dormant";
import { r12RoundAmounts } from "./rules/r12-round-amounts";
import { CHAIN, DAY, entityRow, HOUR, MIN, T0, transfer, usd, wallet } from "./testing/fixtures";
import type { MonitorTransfer } from "./types";

/** The exchange's hot wallet: exempt under every behavioural rule's default. */
const X = wallet(0xe1);
const OTHER = wallet(1);
const EXCHANGE = entityRow(X, { entityId: 1, kind: "exchange" });

function run(rule: RuleModule, items: MonitorTransfer[], book: AddressInfo[], params = {}) {
  const engine = createEngine({
    chainId: CHAIN,
    rules: [{ instance: rule.instantiate({ ...rule.defaults, ...params }), version: 1 }],
    book: new AddressBook(book),
    watchlist: new Watchlist([]),
    events: [],
    seeds: emptySeeds(),
  });
  for (const t of items) engine.process(t);
  return { alerts: engine.alerts, suppressed: engine.suppressed };
}

/** Five entities in five countries (R5's recipients). */
const PAYEES = [2, 3, 4, 5, 6].map((n, i) =>
  entityRow(wallet(0xa0 + n), { entityId: n, kind: "bank", country: ["PK", "GB", "SA", "AE", "US"][i] }),
);

const cases: { rule: RuleModule; items: () => MonitorTransfer[]; book?: AddressInfo[]; hits: number }[] = [
  {
    // Two episodes of structuring a day apart: 3 + 1 in the first, 3 in the second.
    rule: r02Structuring,
    items: () => [
      ...[0, 1, 2, 3].map((i) => transfer(X, OTHER, usd(900), T0 + i * HOUR)),
      ...[0, 1, 2].map((i) => transfer(X, OTHER, usd(900), T0 + 2 * DAY + i * HOUR)),
    ],
    hits: 2,
  },
  {
    // No episodes: each inbound passed through is an alert of its own.
    rule: r03PassThrough,
    items: () => [
      transfer(OTHER, X, usd(1_000), T0),
      transfer(X, wallet(2), usd(950), T0 + 10 * MIN),
      transfer(OTHER, X, usd(2_000), T0 + 5 * HOUR),
      transfer(X, wallet(3), usd(1_900), T0 + 5 * HOUR + MIN),
      transfer(OTHER, X, usd(2_000), T0 + 9 * HOUR),
      transfer(X, wallet(3), usd(100), T0 + 9 * HOUR + MIN),
    ],
    hits: 2,
  },
  {
    rule: r04FanIn,
    items: () => [
      ...Array.from({ length: 10 }, (_, i) => transfer(wallet(100 + i), X, usd(300), T0 + i * MIN)),
      transfer(X, OTHER, usd(2_500), T0 + HOUR),
      transfer(X, OTHER, usd(400), T0 + 2 * HOUR),
    ],
    hits: 1,
  },
  {
    rule: r05FanOut,
    items: () => PAYEES.map((p, i) => transfer(X, p.address, usd(50), T0 + i * HOUR)),
    book: PAYEES,
    hits: 1,
  },
  {
    // Two singles and the 24 h total (one episode).
    rule: r06HighValue,
    items: () => [transfer(X, OTHER, usd(12_000), T0), transfer(X, wallet(2), usd(40_000), T0 + HOUR)],
    hits: 3,
  },
  {
    // The exempt hot wallet's first flow is suppressed; the new sender's is an alert either way.
    rule: r07NewDormant,
    items: () => [transfer(OTHER, X, usd(7_000), T0)],
    hits: 1,
  },
  {
    rule: r12RoundAmounts,
    items: () => [0, 1, 2, 3, 4, 5].map((i) => transfer(X, wallet(10 + i), usd(200), T0 + i * DAY)),
    hits: 1,
  },
];

describe("business exemptions are counted as suppressed hits", () => {
  for (const c of cases) {
    it(`${c.rule.id}: the exempt wallet raises no alert and counts exactly the alerts lifting the exemption raises`, () => {
      const book = [EXCHANGE, ...(c.book ?? [])];
      const items = c.items();
      const exempt = run(c.rule, items, book);
      const lifted = run(c.rule, items, book, { exemptEntityKinds: [], exemptTags: [] });
      const onX = lifted.alerts.filter((a) => a.subject === X);
      expect(exempt.alerts.filter((a) => a.subject === X)).toEqual([]);
      expect(exempt.suppressed.reduce((n, h) => n + h.hits, 0)).toBe(c.hits);
      expect(onX).toHaveLength(c.hits);
      // The same triggers: what is counted is what would have been raised.
      expect(exempt.suppressed.flatMap((h) => Array<number>(h.hits).fill(h.block))).toEqual(
        onX.map((a) => a.block),
      );
      expect(lifted.suppressed).toEqual([]);
      // Alerts on others are untouched by the exemption.
      expect(exempt.alerts.map((a) => a.key)).toEqual(
        lifted.alerts.filter((a) => a.subject !== X).map((a) => a.key),
      );
    });
  }

  it("keeps suppressed episodes apart from alert episodes and groups hits per block and key", () => {
    // An alert episode on X (from before it was attributed) does not quiet its suppressed hit.
    const items = [0, 1, 2].map((i) => transfer(X, OTHER, usd(900), T0 + i * HOUR));
    const engine = createEngine({
      chainId: CHAIN,
      rules: [{ instance: r02Structuring.instantiate(r02Structuring.defaults), version: 1 }],
      book: new AddressBook([EXCHANGE]),
      watchlist: new Watchlist([]),
      events: [],
      episodes: [{ ruleId: "R2", key: X, time: T0 }],
      exemptEpisodes: [{ ruleId: "R2", key: X, time: T0 - DAY - 1 }],
    });
    for (const t of items) engine.process(t);
    expect(engine.suppressed).toEqual([
      { ruleId: "R2", block: items[2]!.block, time: T0 + 2 * HOUR, key: X, hits: 1 },
    ]);
    // A suppressed episode still running quiets the next one.
    const quiet = createEngine({
      chainId: CHAIN,
      rules: [{ instance: r02Structuring.instantiate(r02Structuring.defaults), version: 1 }],
      book: new AddressBook([EXCHANGE]),
      watchlist: new Watchlist([]),
      events: [],
      exemptEpisodes: [{ ruleId: "R2", key: X, time: T0 }],
    });
    for (const t of items) quiet.process(t);
    expect(quiet.suppressed).toEqual([]);
  });

  it("counts hits per rule, block and key in order of first hit, without an object per hit", () => {
    // R3 has no episodes: three inbounds passed through by one outbound are three hits in one block.
    const items = [
      transfer(OTHER, X, usd(1_000), T0),
      transfer(wallet(2), X, usd(1_000), T0 + MIN),
      transfer(wallet(3), X, usd(1_000), T0 + 2 * MIN),
      transfer(X, wallet(4), usd(3_000), T0 + 3 * MIN),
      transfer(wallet(5), X, usd(500), T0 + 4 * MIN),
      transfer(X, wallet(4), usd(500), T0 + 5 * MIN),
    ];
    const { alerts, suppressed } = run(r03PassThrough, items, [EXCHANGE]);
    expect(alerts).toEqual([]);
    expect(suppressed).toEqual([
      { ruleId: "R3", block: items[3]!.block, time: T0 + 3 * MIN, key: null, hits: 3 },
      { ruleId: "R3", block: items[5]!.block, time: T0 + 5 * MIN, key: null, hits: 1 },
    ]);
  });
});
