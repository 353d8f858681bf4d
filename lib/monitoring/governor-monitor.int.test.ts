// The monitor on a governed token (db/testing/governor-fixture.ts): one R10 alert per admin action
// naming the real actor, R11 on the governor's minter/burner and never on bridge moves, and the
// alert case page showing the caller with the governor as its path.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { getAlertCase } from "@/db/queries/alert-case";
import { listChainAlerts, type AlertSummary } from "@/db/queries/monitoring-alerts";
import { G, seedGovernorFixture } from "@/db/testing/governor-fixture";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { catchUpChain } from "./evaluate";
import { rebuildAlerts } from "./rebuild";

let db: { handle: DbHandle; database: TestDatabase };
let chain1: AlertSummary[];
let scenario: Awaited<ReturnType<typeof seedGovernorFixture>>;

beforeAll(async () => {
  db = await openTestDb("usd1_governor_monitor");
  scenario = await seedGovernorFixture(db.handle.db);
  for (const chainId of [1, 2])
    await catchUpChain(db.handle.db, { chainId, mode: "keyset", stepTransfers: 3 });
  chain1 = await listChainAlerts(db.handle.db, 1);
});

afterAll(async () => {
  await db?.handle.close();
  await db?.database.drop();
});

const variant = (a: AlertSummary) => a.key.split("|")[2];

describe("monitoring a governed token", () => {
  it("raises one R10 alert per admin action (the timeline's 18), none for the governor's companions", () => {
    const r10 = chain1.filter((a) => a.ruleId === "R10");
    expect(r10.map((a) => [a.blockNumber, variant(a)])).toEqual([
      [1n, "event:upgraded"],
      [1n, "event:admin_changed"],
      [1n, "event:initialized"],
      [1n, "event:ownership_transferred"],
      ...Array.from({ length: 7 }, () => [2n, "event:role_granted"]),
      [8n, "event:freeze"],
      [9n, "event:frozen_funds_reallocated"],
      [10n, "event:pause"],
      [11n, "event:role_revoked"],
      [12n, "event:upgraded"],
      [12n, "event:initialized"],
      [13n, "event:ownership_transfer_started"],
    ]);
    const text = (v: string) => r10.find((a) => variant(a) === v)?.explanation;
    expect(text("event:freeze")).toBe(
      "Issuer/admin event: Freezer key (0x0000…00f1) froze the account unattributed wallet 0x0000…0102 through the governor token governor (0x0000…0060) (event freeze with governor account_frozen). Recorded for supervisory review.",
    );
    expect(text("event:frozen_funds_reallocated")).toContain(", token function reallocate() (event");
    expect(text("event:ownership_transfer_started")).toContain(
      "unattributed wallet 0x0000…00ad started an ownership transfer to unattributed wallet 0x0000…0061 through the governor",
    );
  });

  it("R11 judges the governor's burner (untagged) and minter (treasury-tagged); bridge moves never count", () => {
    const r11 = chain1.filter((a) => a.ruleId === "R11");
    expect(r11.map((a) => [a.blockNumber, variant(a)])).toEqual([[6n, "off_path_caller:burn"]]);
    expect(r11[0]?.explanation).toContain(
      "unattributed wallet 0x0000…00b1 redeemed 200.00 USD1 through the governor",
    );
  });

  it("raises nothing else on either chain: the governor's distributions are issuer plumbing", async () => {
    expect(chain1.filter((a) => a.ruleId !== "R10" && a.ruleId !== "R11")).toEqual([]);
    expect(await listChainAlerts(db.handle.db, 2)).toEqual([]);
  });

  it("a rebuild gives the same alerts as the incremental steps", async () => {
    const [r] = await rebuildAlerts(db.handle.db, { dryRun: true, mode: "keyset", chainIds: [1] });
    const diffs = r?.rules.filter((d) => d.added.length + d.reinstated.length + d.withdrawn > 0) ?? [];
    expect(diffs).toEqual([]);
  });

  it("the case page shows the real caller and the governor as the path", async () => {
    const freeze = chain1.find((a) => variant(a) === "event:freeze");
    const kase = await getAlertCase(db.handle.db, { id: freeze!.id });
    expect(
      kase?.evidence.map((e) => [
        e.role,
        e.kind,
        e.from?.address,
        e.from?.label,
        e.to?.address,
        e.via?.address,
      ]),
    ).toEqual([
      ["event", "freeze", G.freezer, "Freezer key", G.customer, G.gov],
      ["governor_event", "account_frozen", G.freezer, "Freezer key", G.customer, G.gov],
    ]);
    const realloc = chain1.find((a) => variant(a) === "event:frozen_funds_reallocated");
    const r = await getAlertCase(db.handle.db, { id: realloc!.id });
    expect(r?.evidence.map((e) => [e.kind, e.from?.address, e.tokenFunction, e.txHash])).toEqual([
      ["frozen_funds_reallocated", G.admin, "reallocate", scenario.tx.realloc(0).tx],
      ["token_function_executed", G.admin, "reallocate", scenario.tx.realloc(0).tx],
    ]);
    expect(r?.parties.map((p) => p.address)).toEqual([G.customer, G.admin, G.vasp, G.gov]);
  });
});
