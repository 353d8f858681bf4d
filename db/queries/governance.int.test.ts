// The governance view's queries on the governed fixture (db/testing/governor-fixture.ts): who owns
// the token, who administers the proxy, which implementation runs, and who holds each governor role.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { blockTime, G, ROLE, seedGovernorFixture } from "../testing/governor-fixture";
import { openTestDb, type TestDatabase } from "../testing/test-db";
import { getChainControl, listRoleEvents, listRoleHolders } from "./governance";

let handle: DbHandle;
let database: TestDatabase;
let scenario: Awaited<ReturnType<typeof seedGovernorFixture>>;

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_test_governance"));
  scenario = await seedGovernorFixture(handle.db);
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

const ZERO = `0x${"0".repeat(40)}`;

describe("who controls the token", () => {
  it("owner, pending hand-over, proxy admin, implementation and version per chain", async () => {
    const [one, two] = await getChainControl(handle.db);
    expect(one).toEqual({
      chainId: 1,
      chainName: "Governed",
      tokenAddress: G.token,
      owner: {
        address: G.gov,
        previous: ZERO,
        source: "event",
        at: { blockNumber: 1n, blockTime: blockTime(1), txHash: expect.any(String), logIndex: 3 },
      },
      pendingOwner: {
        address: G.gov2,
        by: G.admin,
        via: G.gov,
        at: { blockNumber: 13n, blockTime: blockTime(13), txHash: scenario.tx.handover(0).tx, logIndex: 1 },
      },
      proxyAdmin: { address: G.proxyAdmin, previous: ZERO, at: expect.objectContaining({ blockNumber: 1n }) },
      implementation: { address: G.impl2, at: expect.objectContaining({ blockNumber: 12n, logIndex: 0 }) },
      initializedVersion: { version: "2", at: expect.objectContaining({ blockNumber: 12n, logIndex: 1 }) },
      governors: [{ address: G.gov, source: "owner_at_start", sinceBlock: 1n, isOwner: true, label: null }],
    });
    // Nothing indexed about chain 2's ownership, and no governor watched there.
    expect(two).toMatchObject({
      chainId: 2,
      owner: null,
      pendingOwner: null,
      proxyAdmin: null,
      implementation: null,
      initializedVersion: null,
      governors: [],
    });
    expect((await getChainControl(handle.db, { chainId: 2 })).map((c) => c.chainId)).toEqual([2]);
  });
});

describe("governor roles", () => {
  it("current holders: the latest grant or revocation per role and account wins", async () => {
    const holders = await listRoleHolders(handle.db);
    expect(
      holders.map((h) => [h.chainId, h.governor, h.governorIsOwner, h.roleName, h.account, h.grantedBy]),
    ).toEqual([
      [1, G.gov, true, "DEFAULT_ADMIN_ROLE", G.admin, ZERO],
      [1, G.gov, true, "MINTER_ROLE", G.minter, G.admin],
      [1, G.gov, true, "BURNER_ROLE", G.burner, G.admin],
      // Stored as a hash only: named from the known role hashes.
      [1, G.gov, true, "BRIDGE_MINTER_OR_BURNER_ROLE", G.pool, G.admin],
      [1, G.gov, true, "FREEZER_ROLE", G.freezer, G.admin],
      [1, G.gov, true, "PAUSER_ROLE", G.pauser, G.admin],
    ]);
    const minter = holders.find((h) => h.account === G.minter);
    expect(minter).toMatchObject({
      role: ROLE.minter.hash,
      accountLabel: "Issuer minter key",
      accountEntity: null,
      grantedAt: { blockNumber: 2n, blockTime: blockTime(2), logIndex: 1 },
    });
    expect(await listRoleHolders(handle.db, { chainId: 2 })).toEqual([]);
  });

  it("history: grants and revocations newest first, filtered and paged", async () => {
    const all = await listRoleEvents(handle.db, { limit: 3, offset: 0 });
    expect(all.total).toBe(8);
    expect(all.rows.map((r) => [r.blockNumber, r.kind, r.roleName, r.account, r.sender])).toEqual([
      [11n, "role_revoked", "MINTER_ROLE", G.oldMinter, G.admin],
      [2n, "role_granted", "PAUSER_ROLE", G.pauser, G.admin],
      [2n, "role_granted", "FREEZER_ROLE", G.freezer, G.admin],
    ]);
    const last = await listRoleEvents(handle.db, { limit: 3, offset: 6 });
    expect(last.rows.map((r) => [r.roleName, r.account, r.accountLabel])).toEqual([
      ["MINTER_ROLE", G.minter, "Issuer minter key"],
      ["DEFAULT_ADMIN_ROLE", G.admin, null],
    ]);
    const revoked = await listRoleEvents(handle.db, { kind: "role_revoked", limit: 10, offset: 0 });
    expect(revoked.rows.map((r) => [r.governor, r.account, r.txHash])).toEqual([
      [G.gov, G.oldMinter, revoked.rows[0]?.txHash],
    ]);
    expect(revoked.total).toBe(1);
    expect((await listRoleEvents(handle.db, { chainId: 2, limit: 10, offset: 0 })).total).toBe(0);
    const oldest = await listRoleEvents(handle.db, { desc: false, limit: 1, offset: 0 });
    expect(oldest.rows.map((r) => [r.roleName, r.account, r.sender])).toEqual([
      ["DEFAULT_ADMIN_ROLE", G.admin, ZERO],
    ]);
  });
});
