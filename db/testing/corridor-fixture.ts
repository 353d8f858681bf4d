// A small, deterministic registry and transfer set that exercises every corridor rule: attributed
// and unattributed sides, a listed address without an entity, intra-entity moves, bridge hops
// (a pool side, or a governor BridgeMint/BridgeBurn in the transaction), primary market (a
// treasury-tagged side, or the watched governor of chain 1), per-chain attribution (an address
// registered on one chain only), mints and burns, a day boundary and blocks above the rolled-up
// block. Shared by the corridor, transactions and address tests.
import type { Address, Hash } from "viem";
import { createRng } from "@/lib/demo/simulator/prng";
import {
  governorKey,
  type AttributedAddress,
  type GovernorSet,
  type RegistryLookup,
} from "@/lib/corridors/attribution";
import type { Db } from "../client";
import {
  addresses,
  chains,
  entities,
  indexerCheckpoints,
  tokenEvents,
  transfers,
  watchedGovernors,
} from "../schema";

export const E18 = 10n ** 18n;
export const ADDR = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as Address;
const ZERO = ADDR(0);

export const FX = {
  /** Gulf exchange (AE), two hot wallets on both chains. */
  gulf: [ADDR(0xa1), ADDR(0xa2)],
  /** PK exchange, registered on chain 1 only. */
  pkx: ADDR(0xb1),
  /** PK bank on both chains. */
  pkb: ADDR(0xc1),
  /** UK remitter on both chains. */
  uk: ADDR(0xd1),
  /** Bridge pool (tagged, no entity). */
  pool: ADDR(0xe1),
  /** Listed (label, sanctioned tag) but not attributed. */
  listed: ADDR(0xf1),
  /** Issuer treasury (tagged treasury, issuer entity) on both chains. */
  treasury: ADDR(0x91),
  /** The watched TokenGovernor of chain 1; on chain 2 the same address is an unlisted wallet. */
  governor: ADDR(0x92),
  /** Customers: no registry row at all. */
  customers: [ADDR(0x101), ADDR(0x102), ADDR(0x103)],
} as const;

export const FIXTURE_ENTITIES = [
  { name: "Gulf Fixture Exchange", kind: "exchange", country: "AE" },
  { name: "PK Fixture Exchange", kind: "exchange", country: "PK" },
  { name: "PK Fixture Bank", kind: "bank", country: "PK" },
  { name: "UK Fixture Remit", kind: "remittance_provider", country: "GB" },
  { name: "Issuer Fixture", kind: "issuer", country: "US" },
] as const;

type RegistryRow = {
  chainId: number;
  address: Address;
  entity: number | null;
  tags: string[];
  label: string;
};

function registryRows(): RegistryRow[] {
  const rows: RegistryRow[] = [];
  for (const chainId of [1, 2]) {
    FX.gulf.forEach((address, i) =>
      rows.push({ chainId, address, entity: 0, tags: ["hot_wallet"], label: `Gulf ${i}` }),
    );
    rows.push({ chainId, address: FX.pkb, entity: 2, tags: [], label: "PK bank" });
    rows.push({ chainId, address: FX.uk, entity: 3, tags: [], label: "UK remit" });
    rows.push({ chainId, address: FX.pool, entity: null, tags: ["bridge"], label: "Pool" });
    rows.push({ chainId, address: FX.listed, entity: null, tags: ["sanctioned"], label: "Listed" });
    rows.push({ chainId, address: FX.treasury, entity: 4, tags: ["treasury"], label: "Treasury" });
  }
  rows.push({ chainId: 1, address: FX.pkx, entity: 1, tags: [], label: "PK exchange" });
  return rows;
}

export type FixtureTransfer = {
  chainId: number;
  blockNumber: bigint;
  blockTime: Date;
  txHash: Hash;
  logIndex: number;
  fromAddress: Address;
  toAddress: Address;
  amount: bigint;
  kind: "mint" | "burn" | "transfer";
};

/** Rolled-up block per chain: blocks above it are indexed but not final. */
export const ROLLED_UP = { 1: 180n, 2: 170n } as const;
export const FIXTURE_START = Date.parse("2025-05-01T20:00:00Z");

/** 400 transfers over two chains, ~10 minutes apart (so they straddle UTC midnights). */
export function fixtureTransfers(): FixtureTransfer[] {
  const rng = createRng("corridor-fixture");
  const everyone = [
    ...FX.gulf,
    FX.pkx,
    FX.pkb,
    FX.uk,
    FX.pool,
    FX.listed,
    FX.treasury,
    FX.governor,
    ...FX.customers,
  ];
  const out: FixtureTransfer[] = [];
  for (let i = 0; i < 400; i++) {
    const chainId = i % 2 === 0 ? 1 : 2;
    const block = BigInt(100 + Math.floor(i / 4));
    const roll = rng.next();
    const kind = roll < 0.05 ? "mint" : roll < 0.1 ? "burn" : "transfer";
    const from = kind === "mint" ? ZERO : rng.pick(everyone);
    const to = kind === "burn" ? ZERO : rng.pick(everyone);
    out.push({
      chainId,
      blockNumber: block,
      blockTime: new Date(FIXTURE_START + Number(block - 100n) * 600_000),
      txHash: `0x${(i + 1).toString(16).padStart(64, "0")}` as Hash,
      logIndex: i % 4,
      fromAddress: from,
      toAddress: to,
      // Whole USD with a wei tail: exact sums are the point.
      amount: BigInt(rng.int(1, 50_000)) * E18 + BigInt(i),
      kind,
    });
  }
  return out;
}

/** The fixture's registry as the pure attribution rules see it. */
export function fixtureLookup(): RegistryLookup {
  const byKey = new Map<string, AttributedAddress>();
  for (const r of registryRows()) {
    const entity = r.entity === null ? null : FIXTURE_ENTITIES[r.entity];
    byKey.set(`${r.chainId}:${r.address}`, {
      entityId: r.entity,
      country: entity?.country ?? null,
      tags: r.tags,
    });
  }
  return (chainId, address) => byKey.get(`${chainId}:${address}`);
}

/** The watched governors, as the pure attribution rules see them. */
export function fixtureGovernors(): GovernorSet {
  return new Set([governorKey(1, FX.governor)]);
}

/**
 * Transactions of a bridge movement: every 13th transfer carries a governor BridgeMint (chain 1) or
 * BridgeBurn (chain 2) of its amount in the same transaction, as the governor's leg of a CCIP hop.
 */
export function isFixtureBridgeTx(t: FixtureTransfer, i: number): boolean {
  return t.kind === "transfer" && i % 13 === 5;
}

function governorEvents(rows: readonly FixtureTransfer[]) {
  return rows.flatMap((t, i) =>
    isFixtureBridgeTx(t, i)
      ? [
          {
            chainId: t.chainId,
            emitter: FX.governor,
            blockNumber: t.blockNumber,
            blockTime: t.blockTime,
            txHash: t.txHash,
            logIndex: 100 + t.logIndex,
            kind: t.chainId === 1 ? ("bridge_mint" as const) : ("bridge_burn" as const),
            actor: FX.pool,
            subject: t.toAddress,
            amount: t.amount,
            args: { caller: FX.pool, amount: t.amount.toString() },
          },
        ]
      : [],
  );
}

/** Writes chains, registry, checkpoints and the transfers into a migrated database. */
export async function seedCorridorFixture(db: Db): Promise<FixtureTransfer[]> {
  const token = ADDR(0x70);
  await db.insert(chains).values([
    { chainId: 1, name: "Fixture One", tokenAddress: token, startBlock: 1n, confirmations: 1 },
    { chainId: 2, name: "Fixture Two", tokenAddress: token, startBlock: 1n, confirmations: 1 },
  ]);
  const ids = await db
    .insert(entities)
    .values(FIXTURE_ENTITIES.map((e) => ({ ...e, licenceStatus: "licensed" as const })))
    .returning({ id: entities.id, name: entities.name });
  const idOf = (i: number) => ids.find((r) => r.name === FIXTURE_ENTITIES[i]?.name)?.id ?? null;
  await db.insert(addresses).values(
    registryRows().map((r) => ({
      chainId: r.chainId,
      address: r.address,
      entityId: r.entity === null ? null : idOf(r.entity),
      label: r.label,
      tags: r.tags,
    })),
  );
  const rows = fixtureTransfers();
  await db.insert(transfers).values(rows);
  await db.insert(tokenEvents).values(governorEvents(rows));
  await db
    .insert(watchedGovernors)
    .values({ chainId: 1, address: FX.governor, source: "configured", sinceBlock: 1n });
  await db.insert(indexerCheckpoints).values([
    { chainId: 1, indexedBlock: 199n, rolledUpBlock: ROLLED_UP[1] },
    { chainId: 2, indexedBlock: 199n, rolledUpBlock: ROLLED_UP[2] },
  ]);
  return rows;
}

/** UTC day of a timestamp, as the rollup computes it. */
export function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
