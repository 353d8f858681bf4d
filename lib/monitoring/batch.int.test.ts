// engine.processBatch (rule by rule over a batch, used by rebuilds) against engine.process (item by
// item, used by incremental steps): the same alerts in the same order, the same suppressed hits.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { listRuleSettings } from "@/db/queries/monitoring";
import {
  loadAddressBook,
  loadTokenEvents,
  loadTransfers,
  loadWatchlist,
} from "@/db/queries/monitoring-input";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { activeRules } from "./active-rules";
import { AddressBook, Watchlist } from "./address-book";
import { createEngine } from "./engine";
import { evaluateHistory } from "./history";
import { registerSynthetic, writeSyntheticBlocks } from "./testing/load-synthetic";
import { generateSynthetic } from "./testing/synthetic";
import { comparePosition, type MonitorItem } from "./types";

const chain = generateSynthetic({
  seed: "batch",
  chainId: 99_131,
  transfers: 12_000,
  days: 20,
  customers: 800,
  mix: "retail",
});
let db: { handle: DbHandle; database: TestDatabase };

beforeAll(async () => {
  db = await openTestDb("usd1_monitor_batch");
  await registerSynthetic(db.handle.db, chain);
  await writeSyntheticBlocks(db.handle.db, chain, { fromBlock: 1, toBlock: chain.lastBlock });
});

afterAll(async () => {
  await db?.handle.close();
  await db?.database.drop();
});

it("a rebuild's batched evaluation raises exactly what item-by-item evaluation raises, in the same order", async () => {
  await db.handle.db.transaction(async (tx) => {
    const rules = activeRules(await listRuleSettings(tx));
    const book = new AddressBook(await loadAddressBook(tx, chain.chainId));
    const watchlist = new Watchlist(await loadWatchlist(tx, chain.chainId));
    const range = { chainId: chain.chainId, afterBlock: 0n, toBlock: BigInt(chain.lastBlock) };
    const batched = await evaluateHistory(tx, { ...range, rules, book, watchlist, mode: "copy" });

    const events = await loadTokenEvents(tx, range);
    const items: MonitorItem[] = [...(await loadTransfers(tx, range)), ...events].sort(comparePosition);
    const engine = createEngine({ chainId: chain.chainId, rules, book, watchlist, events });
    for (const item of items) engine.process(item);

    expect(batched.transfers).toBe(chain.transfers.length);
    // Several batches (4,096 logs each), alerts from most rules, folds and suppressed hits.
    expect(items.length).toBeGreaterThan(2 * 4_096);
    expect(new Set(batched.alerts.map((a) => a.ruleId)).size).toBeGreaterThanOrEqual(8);
    expect(batched.suppressed.length).toBeGreaterThan(100);
    expect(batched.alerts).toEqual(engine.alerts);
    const rows = (xs: typeof engine.suppressed) =>
      xs.map((x) => `${x.ruleId}|${x.block}|${x.key}|${x.time}|${x.hits}`).sort();
    expect(rows(batched.suppressed)).toEqual(rows(engine.suppressed));
  });
});
