// Readers of a governed token (db/testing/governor-fixture.ts): bridge vs issuance from the
// governor's events, primary market in the corridors, and the admin timeline naming the real actor.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { dailySupply } from "../schema";
import { blockTime, E18, G, seedGovernorFixture } from "../testing/governor-fixture";
import { openTestDb, type TestDatabase } from "../testing/test-db";
import { getCorridorCells } from "./corridors";
import { listAdminEvents as listReportAdminEvents } from "./exports-report";
import { getIssuanceWindows } from "./issuance";
import { rebuildAttributionRollups } from "./rollups";
import { getNetworkFlows } from "./supply";
import { listAddressAdminEvents, listAdminEvents } from "./supply-events";
import { getTaggedHoldings } from "./supply-holders";
import { listTransactions } from "./transactions";

let handle: DbHandle;
let database: TestDatabase;

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_test_governor_flows"));
  await seedGovernorFixture(handle.db);
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

const usd = (n: bigint) => n * E18;

describe("bridge vs issuance from the governor", () => {
  it("splits supply by the governor's NativeMint/BridgeMint, rollups and tail alike", async () => {
    const flows = await getNetworkFlows(handle.db);
    expect(
      flows.chains.map((c) => [c.chainId, c.issuerMinted, c.issuerBurned, c.bridgeMinted, c.bridgeBurned]),
    ).toEqual([
      // Chain 1: the pool is untagged; only the governor's events make 300 and 100 bridge moves.
      [1, usd(1_000n), usd(200n), usd(300n), usd(100n)],
      // Chain 2 (no governor): the bridge-tagged pool's burn, by the token's own rule.
      [2, usd(500n), 0n, 0n, usd(300n)],
    ]);
    expect(flows.netIssuance).toBe(usd(1_300n));
    // Σ bridge burns − Σ bridge mints over the network; Σ supply (1,000 + 200) + in transit = net issuance.
    expect(flows.inTransit).toBe(usd(100n));
    expect(flows.poolHeld).toBe(0n);
    const one = await getNetworkFlows(handle.db, { chainId: 1 });
    expect([one.netIssuance, one.inTransit]).toEqual([usd(800n), usd(100n)]);
  });

  it("the rollup (finalized part) holds the bridge share; a rebuild gives the same rows", async () => {
    const read = async () =>
      (await handle.db.select().from(dailySupply).orderBy(dailySupply.chainId)).map((r) => [
        r.chainId,
        r.day,
        r.minted,
        r.burned,
        r.bridgeMinted,
        r.bridgeBurned,
        r.bridgeMintCount,
        r.bridgeBurnCount,
      ]);
    const rolled = await read();
    expect(rolled).toEqual([
      // Up to block 6: the bridge burn at block 7 is still the tail.
      [1, "2025-06-01", usd(1_300n), usd(200n), usd(300n), 0n, 1, 0],
      [2, "2025-06-01", usd(500n), usd(300n), 0n, usd(300n), 0, 1],
    ]);
    await handle.db.transaction((tx) => rebuildAttributionRollups(tx));
    expect(await read()).toEqual(rolled);
  });

  it("the overview's issuance windows leave the bridge out", async () => {
    const w = await getIssuanceWindows(handle.db, { now: new Date(blockTime(60).getTime()) });
    expect(
      w.chains.map((c) => [c.chainId, c.h24.minted, c.h24.burned, c.h24.mintCount, c.h24.burnCount]),
    ).toEqual([
      [1, usd(1_000n), usd(200n), 1, 1],
      [2, usd(500n), 0n, 1, 0],
    ]);
  });

  it("lists the governor as treasury and the bridge-role caller as a pool", async () => {
    const h = await getTaggedHoldings(handle.db);
    expect(h.map((x) => [x.tag, x.source, x.chainId, x.address, x.balance])).toEqual([
      ["treasury", "governor", 1, G.gov, 0n],
      ["treasury", "registry", 1, G.minter, 0n],
      ["treasury", "registry", 2, G.treasury2, usd(200n)],
      ["bridge", "bridge_role", 1, G.pool, 0n],
      ["bridge", "registry", 2, G.pool2, 0n],
    ]);
  });
});

describe("primary market in the corridors", () => {
  it("puts the governor's distributions and redemptions apart from payments, bridge legs as bridge", async () => {
    const cells = await getCorridorCells(handle.db, { from: "2025-06-01", to: "2025-06-01" });
    const row = (c: (typeof cells)[number]) => [
      `${c.originCountry}→${c.destinationCountry}`,
      c.transferCount,
      c.adjustedVolume,
      c.intraEntityVolume,
      c.bridgeVolume,
      c.primaryCount,
      c.primaryVolume,
    ];
    expect(cells.map(row)).toEqual([
      ["AE→PK", 1, usd(400n), 0n, 0n, 0, 0n],
      // Redemption leg VASP → governor.
      ["AE→ZZ", 1, 0n, 0n, 0n, 1, usd(200n)],
      // Issuance leg governor → VASP.
      ["ZZ→AE", 1, 0n, 0n, 0n, 1, usd(1_000n)],
      // Chain 1's bridge-mint leg (governor → customer: bridge, not primary) and chain 2's pool hop.
      ["ZZ→ZZ", 2, 0n, 0n, usd(600n), 0, 0n],
    ]);
  });

  it("drills down to the primary-market transfers of a cell", async () => {
    const base = {
      since: new Date("2025-06-01T00:00:00Z"),
      until: new Date("2025-06-02T00:00:00Z"),
      finalizedOnly: true,
      sort: "time" as const,
      dir: "asc" as const,
      limit: 10,
      offset: 0,
    };
    const primary = await listTransactions(handle.db, {
      ...base,
      origin: "ZZ",
      destination: "AE",
      flow: "primary",
    });
    expect(primary.rows.map((r) => [r.fromAddress, r.toAddress, r.amount, r.primary, r.bridge])).toEqual([
      [G.gov, G.vasp, usd(1_000n), true, false],
    ]);
    const bridge = await listTransactions(handle.db, {
      ...base,
      origin: "ZZ",
      destination: "ZZ",
      flow: "bridge",
    });
    expect(bridge.rows.map((r) => [r.chainId, r.fromAddress, r.primary, r.bridge])).toEqual([
      [1, G.gov, true, true],
      [2, G.treasury2, true, true],
    ]);
  });
});

describe("admin timeline: the actor, not the governor", () => {
  const window = { since: null, until: blockTime(100), limit: 50, offset: 0, sort: null };

  it("shows each action once with its real caller and the governor as the path", async () => {
    const { rows, total } = await listAdminEvents(handle.db, { ...window, chainId: 1 });
    expect(total).toBe(18);
    expect(rows.map((r) => [r.blockNumber, r.kind, r.actor, r.via, r.governorKind, r.tokenFunction])).toEqual(
      [
        [13n, "ownership_transfer_started", G.admin, G.gov, "governor_ownership_transferred", null],
        [12n, "initialized", null, null, null, null],
        [12n, "upgraded", null, null, null, null],
        [11n, "role_revoked", G.admin, G.gov, null, null],
        [10n, "pause", G.pauser, G.gov, "contract_paused", null],
        [9n, "frozen_funds_reallocated", G.admin, G.gov, "token_function_executed", "reallocate"],
        [8n, "freeze", G.freezer, G.gov, "account_frozen", null],
        ...[G.pauser, G.freezer, G.pool, G.burner, G.oldMinter, G.minter, G.admin].map((account) => [
          2n,
          "role_granted",
          account === G.admin ? "0x0000000000000000000000000000000000000000" : G.admin,
          G.gov,
          null,
          null,
        ]),
        [1n, "ownership_transferred", null, null, null, null],
        [1n, "initialized", null, null, null, null],
        [1n, "admin_changed", null, null, null, null],
        [1n, "upgraded", null, null, null, null],
      ],
    );
    const byKind = (k: string) => rows.find((r) => r.kind === k);
    expect(byKind("freeze")?.summary).toBe(
      "0x0000…00f1 froze the account 0x0000…0102 (through governor 0x0000…0060)",
    );
    expect(byKind("frozen_funds_reallocated")?.summary).toBe(
      "0x0000…00ad reallocated funds out of the frozen account 0x0000…0102 (50.00 USD1) (through governor 0x0000…0060, token function reallocate())",
    );
    expect(byKind("role_revoked")).toMatchObject({ role: "MINTER_ROLE", subject: G.oldMinter });
    expect(byKind("role_revoked")?.summary).toBe(
      "0x0000…00ad revoked the governor role MINTER_ROLE from 0x0000…00a2 (through governor 0x0000…0060)",
    );
    expect(byKind("initialized")).toMatchObject({ version: "2" });
    expect(byKind("freeze")).toMatchObject({ subject: G.customer, subjectLabel: null });
  });

  it("filters by kind; a governor companion is never a row of its own", async () => {
    const only = (kind: Parameters<typeof listAdminEvents>[1]["kind"]) =>
      listAdminEvents(handle.db, { ...window, kind }).then((r) => r.total);
    expect(await only("freeze")).toBe(1);
    expect(await only("account_frozen")).toBe(0);
    expect(await only("token_function_executed")).toBe(0);
    expect(await only("role_granted")).toBe(7);
    // Chain 2 has issuance only.
    expect((await listAdminEvents(handle.db, { ...window, chainId: 2 })).total).toBe(0);
  });

  it("lists an address's actions as actor, subject or path", async () => {
    const freezer = await listAddressAdminEvents(handle.db, { address: G.freezer, limit: 10, offset: 0 });
    expect(freezer.rows.map((r) => [r.kind, r.actor === G.freezer, r.subject === G.freezer])).toEqual([
      ["freeze", true, false],
      ["role_granted", false, true],
    ]);
    const customer = await listAddressAdminEvents(handle.db, { address: G.customer, limit: 10, offset: 0 });
    expect(customer.rows.map((r) => r.kind)).toEqual(["frozen_funds_reallocated", "freeze"]);
    const gov = await listAddressAdminEvents(handle.db, { address: G.gov, limit: 2, offset: 0 });
    // Every governed action names it as the path, plus the deployment's ownership transfer to it.
    expect(gov.total).toBe(13);
  });

  it("the monthly report reads the same actions", async () => {
    const period = { since: new Date("2025-06-01T00:00:00Z"), until: new Date("2025-07-01T00:00:00Z") };
    const r = await listReportAdminEvents(handle.db, { ...period, limit: 100 });
    expect(r.total).toBe(18);
    const freeze = r.rows.find((x) => x.kind === "freeze");
    expect(freeze).toMatchObject({ actor: G.freezer, via: G.gov, tokenFunction: null, subject: G.customer });
    expect(r.rows.find((x) => x.kind === "frozen_funds_reallocated")?.tokenFunction).toBe("reallocate");
  });
});
