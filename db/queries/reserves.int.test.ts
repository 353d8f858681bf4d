// Reserves against native supply on Postgres: entered attestations count only once a second
// officer confirms them; entered supply on non-indexed chains and indexed native chains make the
// supply (a bridged chain never does); the ratio and coverage per day to the wei.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { chains, dailySupply, reserveReports, reserveSources } from "../schema";
import { openTestDb, type TestDatabase } from "../testing/test-db";
import { listAuditLog } from "./audit";
import { getCollateralSeries, getReserveSourcesStatus } from "./reserves";
import {
  enterAttestation,
  enterNativeSupply,
  FOUR_EYES_ATTESTATION,
  listAttestations,
  reviewAttestation,
} from "./reserves-manual";

const E = 10n ** 18n;
const A = { id: "u-a", email: "a@example.test", role: "compliance_officer" };
const B = { id: "u-b", email: "b@example.test", role: "compliance_officer" };
const SHA = (c: string) => c.repeat(64);
const TOKEN = "0x8d0d000ee44948fc98c9b98a4fa4921476f08b0d" as const;
const BRIDGED = "0x111111d2bf19e43c34263401e0cad979ed1cdb61" as const;
const H = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as const;

let db: { handle: DbHandle; database: TestDatabase };

beforeAll(async () => {
  db = await openTestDb("usd1_reserves");
  const d = db.handle.db;
  await d.insert(chains).values([
    { chainId: 31337, name: "Ethereum (local)", tokenAddress: TOKEN, startBlock: 0n, confirmations: 0 },
    { chainId: 31338, name: "BNB Chain (local)", tokenAddress: TOKEN, startBlock: 0n, confirmations: 0 },
    { chainId: 999, name: "Bridged L2", tokenAddress: BRIDGED, startBlock: 0n, confirmations: 0 },
  ]);
  await d.insert(dailySupply).values([
    { chainId: 31337, day: "2026-06-01", minted: 1000n * E, burned: 0n },
    { chainId: 31337, day: "2026-06-02", minted: 500n * E, burned: 100n * E },
    { chainId: 31338, day: "2026-06-01", minted: 2000n * E + 1n, burned: 0n },
    { chainId: 999, day: "2026-06-01", minted: 700n * E, burned: 0n },
  ]);
  const [src] = await d
    .insert(reserveSources)
    .values({
      chainId: 31337,
      kind: "aggregator_v3",
      address: "0x00000000000000000000000000000000000000f1",
      decimals: 18,
      label: "USD1 PoR feed",
      startBlock: 0n,
    })
    .returning();
  const report = (n: number, at: string, reserves: bigint) => ({
    sourceId: src!.id,
    chainId: 31337,
    blockNumber: BigInt(n),
    blockHash: H(n),
    txHash: H(1000 + n),
    logIndex: 0,
    roundId: BigInt(n),
    answer: reserves,
    reservesWei: reserves,
    reportedAt: new Date(at),
    blockTime: new Date(at),
  });
  await d
    .insert(reserveReports)
    .values([
      report(1, "2026-06-01T10:00:00Z", 3300n * E),
      report(2, "2026-06-01T20:00:00Z", 3299n * E),
      report(3, "2026-06-03T01:00:00Z", 4100n * E),
    ]);
});
afterAll(async () => {
  await db?.handle.close();
  await db?.database.drop();
});

describe("manual entries", () => {
  it("an attestation counts only after a second, different officer confirms it", async () => {
    const d = db.handle.db;
    const { id } = await enterAttestation(d, {
      reservesWei: 3900n * E,
      asOf: "2026-06-02",
      custodian: "BitGo Trust",
      reportName: "June 2026 attestation",
      reportSha256: SHA("a"),
      actor: A,
    });
    await expect(
      enterAttestation(d, {
        reservesWei: 1n,
        asOf: "2026-06-02",
        custodian: "x",
        reportName: "same file",
        reportSha256: SHA("a"),
        actor: B,
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(reviewAttestation(d, { id, decision: "confirm", reason: "", actor: A })).rejects.toThrow(
      FOUR_EYES_ATTESTATION,
    );
    // The database refuses it too, whatever the application does.
    await expect(
      d.execute(
        sql`update reserve_attestations set confirmed_by = entered_by, confirmed_at = now() where id = ${id}`,
      ),
    ).rejects.toThrow();
    // Unconfirmed, it is not in the series yet.
    const before = await getCollateralSeries(d, {
      fromDay: "2026-06-02",
      toDay: "2026-06-02",
      today: "2026-06-03",
    });
    expect(before[0]?.reserves?.kind).toBe("feed");
    await reviewAttestation(d, { id, decision: "confirm", reason: "", actor: B });
    await expect(
      reviewAttestation(d, { id, decision: "reject", reason: "late", actor: B }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
    // A second, unconfirmed entry with a much larger figure never counts.
    await enterAttestation(d, {
      reservesWei: 9999n * E,
      asOf: "2026-06-02",
      custodian: "BitGo Trust",
      reportName: "draft",
      reportSha256: SHA("b"),
      actor: A,
    });
    const list = await listAttestations(d);
    expect(list.map((r) => [r.id, r.confirmedByEmail])).toEqual([
      [3, null], // the refused duplicate used serial 2
      [1, "b@example.test"],
    ]);
  });

  it("enters native supply on non-indexed chains, audited", async () => {
    const d = db.handle.db;
    await enterNativeSupply(d, {
      chain: "tron",
      supplyWei: 300n * E,
      asOf: "2026-06-01",
      source: "tronscan",
      actor: A,
    });
    await enterNativeSupply(d, {
      chain: "tron",
      supplyWei: 350n * E,
      asOf: "2026-06-02",
      source: "tronscan",
      actor: A,
    });
    await enterNativeSupply(d, {
      chain: "solana",
      supplyWei: 50n * E,
      asOf: "2026-06-02",
      source: "solscan",
      actor: B,
    });
    const { rows } = await listAuditLog(d, { limit: 50, offset: 0 });
    expect(rows.map((r) => r.action).sort()).toEqual([
      "reserves.attestation_confirm",
      "reserves.attestation_enter",
      "reserves.attestation_enter",
      "reserves.supply_enter",
      "reserves.supply_enter",
      "reserves.supply_enter",
    ]);
  });
});

describe("collateral series", () => {
  it("gives reserves, native supply, ratio and coverage per day to the wei", async () => {
    const s = await getCollateralSeries(db.handle.db, {
      fromDay: null,
      toDay: "2026-06-03",
      today: "2026-06-03",
    });
    expect(
      s.map((p) => [
        p.day,
        p.reserves?.kind,
        p.reserves?.reservesWei,
        p.indexedSupplyWei,
        p.enteredSupplyWei,
        p.supplyWei,
        p.ratioE18,
        p.coverageE18,
        p.underCollateralised,
      ]),
    ).toEqual([
      // The day's latest feed report (20:00), not the 10:00 one; the bridged chain's 700 never counts.
      [
        "2026-06-01",
        "feed",
        3299n * E,
        3000n * E + 1n,
        300n * E,
        3300n * E + 1n,
        999696969696969696n,
        909090909090909090n,
        true,
      ],
      // The confirmed attestation (close of its as-of day) is newer than the feed's last report.
      [
        "2026-06-02",
        "attestation",
        3900n * E,
        3400n * E + 1n,
        400n * E,
        3800n * E + 1n,
        1026315789473684210n,
        894736842105263157n,
        false,
      ],
      [
        "2026-06-03",
        "feed",
        4100n * E,
        3400n * E + 1n,
        400n * E,
        3800n * E + 1n,
        1078947368421052631n,
        894736842105263157n,
        false,
      ],
    ]);
    expect(s[1]?.parts.map((p) => [p.chain, p.supplyWei, p.indexed])).toEqual([
      ["Ethereum (local)", 1400n * E, true],
      ["BNB Chain (local)", 2000n * E + 1n, true],
      ["Tron", 350n * E, false],
      ["Solana", 50n * E, false],
    ]);
  });

  it("reports each source's latest figure and age", async () => {
    const s = await getReserveSourcesStatus(db.handle.db, { now: new Date("2026-06-03T04:00:00Z") });
    expect(s.map((r) => [r.kind, r.label, r.reports, r.latestReservesWei, r.ageSeconds])).toEqual([
      ["aggregator_v3", "USD1 PoR feed", 3, 4100n * E, 3 * 3600],
      ["attestation", "Custodian attestations (confirmed)", 1, 3900n * E, 4 * 3600],
    ]);
    expect(await getReserveSourcesStatus(db.handle.db, { chainId: 31338, now: new Date() })).toHaveLength(1);
  });
});
