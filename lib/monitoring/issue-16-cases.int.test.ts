// Issue #16 items 2 and 5 on Postgres, through the monitor's own steps: R9's standing case (one per
// unlicensed entity across two chains, evaluated by separate steps; a new one only after it is
// closed; unknown and pending flagged by default, the stored v1 default migrated) and R1's one-hop
// episode gathering later evidence, with running totals recomputed after a reorg. A rebuild of
// both chains leaves every alert, its evidence and its totals exactly as the steps wrote them.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { rollbackToBlock } from "@/db/queries/indexer-reorg";
import { transitionAlert } from "@/db/queries/alert-workflow";
import { listRuleSettings } from "@/db/queries/monitoring";
import { rowsOf } from "@/db/queries/sql-arrays";
import { CASE_USERS, insertCaseUsers } from "@/db/testing/alert-case-fixture";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import type { SeedAddress, SeedEntity } from "@/db/queries/registry";
import { catchUpChain } from "./evaluate";
import { rebuildAlerts } from "./rebuild";
import { registerSynthetic, writeSyntheticBlocks } from "./testing/load-synthetic";
import type { SyntheticChain, SyntheticTransfer } from "./testing/synthetic";

const USD = 10n ** 18n;
const T0 = 1_767_225_600;
const HOUR = 3_600;
const w = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as `0x${string}`;
const timeOf = (block: number) => T0 + (block - 1) * HOUR;

type Move = { block: number; from: string; to: string; amount: bigint };

/** One block per hour, one transfer per block. */
function chainOf(
  chainId: number,
  moves: Move[],
  entities: SeedEntity[],
  addresses: SeedAddress[],
): SyntheticChain {
  const transfers: SyntheticTransfer[] = moves.map((m) => ({
    ...m,
    logIndex: 0,
    time: timeOf(m.block),
    txHash: `0x${chainId.toString(16)}${m.block.toString(16).padStart(64 - chainId.toString(16).length, "0")}`,
    kind: "transfer",
  }));
  return {
    chainId,
    t0: T0,
    blockSeconds: HOUR,
    lastBlock: Math.max(...moves.map((m) => m.block)),
    entities,
    addresses,
    // The import refuses an empty file.
    watchlist: [{ chainId, address: w(0x5a), listName: "Cases list", reference: "C-1" }],
    transfers,
    events: [],
    planted: [],
  };
}

const ENTITIES: SeedEntity[] = [
  { name: "OTC Desk Dubai", kind: "other", country: "AE", licenceStatus: "unlicensed" },
  { name: "PK Remit", kind: "remittance_provider", country: "PK", licenceStatus: "licensed" },
  { name: "GB Bank", kind: "bank", country: "GB", licenceStatus: "licensed" },
  { name: "Pending PK", kind: "exchange", country: "PK", licenceStatus: "pending" },
  { name: "Unknown SA", kind: "exchange", country: "SA", licenceStatus: "unknown" },
];

const OTC = w(0x0c);
const PK = w(0x0b);
const GB = w(0x9b);
const PEND = w(0x9e);
const UNK = w(0x5e);
const A = 99_201;
const B = 99_202;

const attributed = (chainId: number): SeedAddress[] =>
  (
    [
      [OTC, "OTC Desk Dubai"],
      [PK, "PK Remit"],
      [GB, "GB Bank"],
      [PEND, "Pending PK"],
      [UNK, "Unknown SA"],
    ] as const
  ).map(([address, entityName]) => ({ chainId, address, entityName, label: null, tags: [] }));

const chainA = chainOf(
  A,
  [
    { block: 1, from: OTC, to: PK, amount: 100n * USD },
    { block: 3, from: PK, to: OTC, amount: 250n * USD },
    { block: 7, from: GB, to: PEND, amount: 10n * USD },
    { block: 8, from: UNK, to: PK, amount: 20n * USD },
  ],
  ENTITIES,
  attributed(A),
);
const chainB = chainOf(
  B,
  [
    { block: 2, from: OTC, to: PK, amount: 40n * USD + 1n },
    { block: 4, from: OTC, to: PK, amount: 7n * USD },
    { block: 6, from: PK, to: OTC, amount: 5n * USD },
  ],
  ENTITIES,
  attributed(B),
);

let db: { handle: DbHandle; database: TestDatabase };
const written = new Map<number, number>();

/** Writes a chain's blocks up to `toBlock` and runs the monitor's steps (one block each). */
async function advance(chain: SyntheticChain, toBlock: number) {
  const from = (written.get(chain.chainId) ?? 0) + 1;
  for (let b = from; b <= toBlock; b++) {
    await writeSyntheticBlocks(db.handle.db, chain, { fromBlock: b, toBlock: b });
    await catchUpChain(db.handle.db, { chainId: chain.chainId, mode: "keyset", stepTransfers: 1 });
  }
  written.set(chain.chainId, Math.max(toBlock, from - 1));
}

type CaseRow = {
  id: number;
  key: string;
  chainId: number;
  status: string;
  facts: Record<string, string>;
  evidence: string[];
};

/** Alerts of a rule on any chain, with their evidence as "chain:block:role" in time order. */
async function alertsOf(ruleId: string): Promise<CaseRow[]> {
  const res = await db.handle.db.execute(sql`
    select a.id::int as id, a.alert_key as key, a.chain_id as "chainId", a.status, a.facts,
      coalesce(array_agg(e.chain_id || ':' || e.block_number || ':' || e.role
        order by e.block_number, e.chain_id) filter (where e.alert_id is not null), '{}') as evidence
    from alerts a left join alert_evidence e on e.alert_id = a.id
    where a.rule_id = ${ruleId}
    group by a.id order by a.id`);
  return rowsOf<CaseRow>(res).map((r) => ({ ...r, id: Number(r.id) }));
}

const totals = (c: CaseRow | undefined) =>
  c && {
    transfers: c.facts.caseTransfers,
    totalWei: c.facts.caseTotalWei,
    chains: c.facts.caseChains,
    first: c.facts.caseFirstSeen,
    last: c.facts.caseLastSeen,
  };

async function entityId(name: string): Promise<number> {
  const [row] = rowsOf<{ id: number }>(
    await db.handle.db.execute(sql`select id::int as id from entities where name = ${name}`),
  );
  return Number(row?.id);
}

async function rebuildBoth() {
  const out = await rebuildAlerts(db.handle.db, { mode: "copy", chainIds: [A, B] });
  return out.flatMap((c) =>
    c.rules
      .filter((d) => d.added.length + d.reinstated.length + d.withdrawn + d.updated > 0)
      .map((d) => [c.chainId, d.ruleId, d.added.length, d.reinstated.length, d.withdrawn, d.updated]),
  );
}

beforeAll(async () => {
  db = await openTestDb("usd1_issue16_cases");
  await insertCaseUsers(db.handle.db);
  // A database from before R9 logic v2: the v1 default stored, untouched by any admin.
  await db.handle.db.execute(sql`insert into rule_settings (rule_id, params, version)
    values ('R9', ${JSON.stringify({ flaggedStatuses: ["unlicensed", "revoked"], windowSeconds: 604_800 })}::jsonb, 1)`);
});

afterAll(async () => {
  await db?.handle.close();
  await db?.database.drop();
});

describe("R9 standing case across chains", () => {
  it("moves the untouched v1 default to every status but licensed, as an audited new version", async () => {
    const r9 = (await listRuleSettings(db.handle.db)).find((s) => s.ruleId === "R9");
    expect(r9).toMatchObject({
      version: 2,
      params: { flaggedStatuses: ["unlicensed", "pending", "revoked", "unknown"] },
    });
    const audit = rowsOf<{ actor_id: string | null; n: number }>(
      await db.handle.db.execute(sql`select count(*)::int as n from audit_log
        where action = 'rule.change' and target = 'R9'`),
    );
    expect(Number(audit[0]?.n)).toBe(1);
  });

  it("folds two chains' transfers, evaluated by separate steps, into one case with totals from both", async () => {
    await registerSynthetic(db.handle.db, chainA);
    await registerSynthetic(db.handle.db, chainB);
    await advance(chainA, 1);
    await advance(chainB, 2);
    await advance(chainA, 3);
    await advance(chainB, 4);
    const otc = await entityId("OTC Desk Dubai");
    const cases = await alertsOf("R9");
    expect(cases.map((c) => [c.key, c.chainId, c.status, c.evidence])).toEqual([
      [
        `R9|standing|entity:${otc}|1`,
        A,
        "open",
        [`${A}:1:trigger`, `${B}:2:later`, `${A}:3:later`, `${B}:4:later`],
      ],
    ]);
    expect(totals(cases[0])).toEqual({
      transfers: "4",
      totalWei: String(100n * USD + (40n * USD + 1n) + 250n * USD + 7n * USD), // 397 USD + 1 wei
      chains: `${A},${B}`,
      first: String(timeOf(1)),
      last: String(timeOf(4)),
    });
  });

  it("a rebuild of both chains gives the same case, evidence and totals", async () => {
    const before = await alertsOf("R9");
    expect(await rebuildBoth()).toEqual([]);
    expect(await alertsOf("R9")).toEqual(before);
  });

  it("after the case is closed, the next transfer opens a new one; the closed one keeps its evidence", async () => {
    const [first] = await alertsOf("R9");
    await transitionAlert(db.handle.db, {
      alertId: first!.id,
      to: "dismissed",
      reason: "Known OTC desk; relationship reviewed.",
      actor: CASE_USERS.analyst,
      ip: null,
      userAgent: null,
    });
    await advance(chainB, 6);
    const otc = await entityId("OTC Desk Dubai");
    const cases = await alertsOf("R9");
    expect(cases.map((c) => [c.key, c.chainId, c.status, c.evidence])).toEqual([
      [
        `R9|standing|entity:${otc}|1`,
        A,
        "dismissed",
        [`${A}:1:trigger`, `${B}:2:later`, `${A}:3:later`, `${B}:4:later`],
      ],
      [`R9|standing|entity:${otc}|2`, B, "open", [`${B}:6:trigger`]],
    ]);
    expect(totals(cases[0])?.transfers).toBe("4");
    expect(totals(cases[1])).toEqual({
      transfers: "1",
      totalWei: String(5n * USD),
      chains: String(B),
      first: String(timeOf(6)),
      last: String(timeOf(6)),
    });
  });

  it("flags pending and unknown licences by default; a rebuild changes nothing", async () => {
    await advance(chainA, 8);
    const cases = await alertsOf("R9");
    expect(cases.slice(2).map((c) => [c.key, c.evidence, totals(c)?.totalWei])).toEqual([
      [`R9|standing|entity:${await entityId("Pending PK")}|1`, [`${A}:7:trigger`], String(10n * USD)],
      [`R9|standing|entity:${await entityId("Unknown SA")}|1`, [`${A}:8:trigger`], String(20n * USD)],
    ]);
    const before = await alertsOf("R9");
    expect(await rebuildBoth()).toEqual([]);
    expect(await alertsOf("R9")).toEqual(before);
  });
});

describe("R1 one-hop episode gathers later evidence", () => {
  const C = 99_203;
  const S = w(0x51);
  const X = w(0xa1);
  const Y = w(0xa2);
  const Z = w(0xa3);
  const base = chainOf(
    C,
    [
      { block: 1, from: X, to: S, amount: 1_000n * USD },
      { block: 2, from: X, to: Y, amount: 10n * USD },
      { block: 3, from: Y, to: X, amount: 3n * USD },
      { block: 4, from: X, to: Z, amount: 2n * USD + 5n },
    ],
    [],
    [],
  );
  const chain: SyntheticChain = {
    ...base,
    watchlist: [{ chainId: C, address: S, listName: "Cases list", reference: "C-2" }],
  };

  const hops = async () => (await alertsOf("R1")).filter((a) => a.key.includes("|one_hop:"));

  it("adds each later transfer of the episode to its alert, with count, total and last seen", async () => {
    await registerSynthetic(db.handle.db, chain);
    await advance(chain, 4);
    const [hop, ...more] = await hops();
    expect(more).toEqual([]);
    expect(hop?.evidence).toEqual([`${C}:1:link`, `${C}:2:trigger`, `${C}:3:later`, `${C}:4:later`]);
    expect(totals(hop)).toEqual({
      transfers: "3",
      totalWei: String(15n * USD + 5n),
      chains: String(C),
      first: String(timeOf(2)),
      last: String(timeOf(4)),
    });
  });

  it("recomputes the totals when a reorg removes a later transfer, and again when it lands back", async () => {
    await rollbackToBlock(db.handle.db, { chainId: C, ancestor: 3n, ancestorHash: null, depth: 1 });
    const [trimmed] = await hops();
    expect(trimmed?.status).toBe("open");
    expect(trimmed?.evidence).toEqual([`${C}:1:link`, `${C}:2:trigger`, `${C}:3:later`]);
    expect(totals(trimmed)).toMatchObject({
      transfers: "2",
      totalWei: String(13n * USD),
      last: String(timeOf(3)),
    });
    written.set(C, 3);
    await advance(chain, 4);
    const [back, ...more] = await hops();
    expect(more).toEqual([]);
    expect(back?.evidence).toEqual([`${C}:1:link`, `${C}:2:trigger`, `${C}:3:later`, `${C}:4:later`]);
    expect(totals(back)).toMatchObject({ transfers: "3", totalWei: String(15n * USD + 5n) });
    const before = await alertsOf("R1");
    const [r] = await rebuildAlerts(db.handle.db, { mode: "copy", chainIds: [C] });
    expect(r?.rules.find((d) => d.ruleId === "R1")).toMatchObject({
      added: [],
      reinstated: [],
      withdrawn: 0,
      updated: 0,
    });
    expect(await alertsOf("R1")).toEqual(before);
  });
});
