// Two chains as the indexer writes them once the token's owner is a TokenGovernor (DOMAIN.md §1b).
// Chain 1: every admin action goes through governor GOV (token log + governor log, same
// transaction): an issuer mint, a bridge mint and burn by an UNTAGGED pool (only the governor's
// BridgeMint/BridgeBurn say it is a bridge), a redemption, a freeze, a reallocation through
// TokenFunctionExecuted, a pause, role grants and a revocation, a V2 upgrade and a started
// hand-over to GOV2. Chain 2 keeps the pre-governor shape (the treasury owns the token; a
// bridge-tagged pool burns), so both rules of isBridgeSql meet in one network.
import { keccak256, toHex, type Address, type Hash } from "viem";
import type { Db } from "../client";
import { advanceRollups } from "../queries/rollups";
import {
  addresses,
  blocks,
  chains,
  entities,
  indexerCheckpoints,
  tokenEvents,
  transfers,
  watchedGovernors,
} from "../schema";

export const E18 = 10n ** 18n;
const A = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as Address;
const ZERO = A(0);

export const G = {
  token: A(0x70),
  gov: A(0x60),
  gov2: A(0x61),
  proxyAdmin: A(0x6a),
  impl1: A(0x1e1),
  impl2: A(0x1e2),
  minter: A(0xa1),
  oldMinter: A(0xa2),
  burner: A(0xb1),
  pool: A(0xc1),
  freezer: A(0xf1),
  pauser: A(0xf2),
  admin: A(0xad),
  vasp: A(0x101),
  customer: A(0x102),
  pkBank: A(0x103),
  // chain 2
  treasury2: A(0x92),
  pool2: A(0x93),
} as const;

const roleHash = (name: string) => keccak256(toHex(name));
/** Governor roles (keccak256 of the name; the default admin is 0x00). */
export const ROLE = {
  admin: { name: "DEFAULT_ADMIN_ROLE", hash: `0x${"0".repeat(64)}` },
  minter: { name: "MINTER_ROLE", hash: roleHash("MINTER_ROLE") },
  burner: { name: "BURNER_ROLE", hash: roleHash("BURNER_ROLE") },
  bridge: { name: "BRIDGE_MINTER_OR_BURNER_ROLE", hash: roleHash("BRIDGE_MINTER_OR_BURNER_ROLE") },
  freezer: { name: "FREEZER_ROLE", hash: roleHash("FREEZER_ROLE") },
  pauser: { name: "PAUSER_ROLE", hash: roleHash("PAUSER_ROLE") },
} as const;

export const GOV_T0 = Date.parse("2025-06-01T00:00:00Z");
/** Block n is mined at GOV_T0 + n minutes. */
export const blockTime = (n: number) => new Date(GOV_T0 + n * 60_000);
/** Chain 1 is rolled up to block 6 (the bridge burn at 7 and later are the provisional tail). */
export const GOV_ROLLED_UP = { 1: 6n, 2: 20n } as const;

type Log = { chainId: number; block: number; tx: Hash; logIndex: number };
let txSeq = 0;
const newTx = (chainId: number, block: number) => {
  txSeq += 1;
  const tx = `0x${(0xf000 + txSeq).toString(16).padStart(64, "0")}` as Hash;
  return (logIndex: number): Log => ({ chainId, block, tx, logIndex });
};

type EventKind = (typeof tokenEvents.$inferInsert)["kind"];
type EventFields = {
  actor?: Address | null;
  subject?: Address | null;
  counterparty?: Address | null;
  amount?: bigint | null;
  args?: Record<string, string>;
};

function event(at: Log, emitter: Address, kind: EventKind, f: EventFields = {}) {
  return {
    chainId: at.chainId,
    emitter,
    blockNumber: BigInt(at.block),
    blockTime: blockTime(at.block),
    txHash: at.tx,
    logIndex: at.logIndex,
    kind,
    actor: f.actor ?? null,
    subject: f.subject ?? null,
    counterparty: f.counterparty ?? null,
    amount: f.amount ?? null,
    args: f.args ?? {},
  };
}

function transfer(at: Log, from: Address, to: Address, amount: bigint) {
  const kind = from === ZERO ? "mint" : to === ZERO ? "burn" : "transfer";
  return {
    chainId: at.chainId,
    blockNumber: BigInt(at.block),
    blockTime: blockTime(at.block),
    txHash: at.tx,
    logIndex: at.logIndex,
    fromAddress: from,
    toAddress: to,
    amount,
    kind,
  } as const;
}

/** Every transaction of both chains; tx hashes are exported for assertions. */
export function governorScenario() {
  txSeq = 0;
  const ev: ReturnType<typeof event>[] = [];
  const tr: ReturnType<typeof transfer>[] = [];
  const tok = (at: Log, kind: EventKind, f?: EventFields) => ev.push(event(at, G.token, kind, f));
  const gov = (at: Log, kind: EventKind, f?: EventFields) => ev.push(event(at, G.gov, kind, f));
  // The indexer names known roles (args.roleName); the bridge role is left as its hash here, so
  // readers that map hashes themselves are exercised too.
  const role = (
    at: Log,
    kind: "role_granted" | "role_revoked",
    r: keyof typeof ROLE,
    account: Address,
    by: Address,
  ) =>
    gov(at, kind, {
      actor: by,
      subject: account,
      args: {
        role: ROLE[r].hash,
        account,
        sender: by,
        roleName: r === "bridge" ? ROLE[r].hash : ROLE[r].name,
      },
    });

  // Block 1: deployment (token owned by GOV from the start), proxy admin, implementation v1.
  const deploy = newTx(1, 1);
  tok(deploy(0), "upgraded", { subject: G.impl1 });
  tok(deploy(1), "admin_changed", { subject: G.proxyAdmin, counterparty: ZERO });
  tok(deploy(2), "initialized", { args: { version: "1" } });
  tok(deploy(3), "ownership_transferred", { subject: G.gov, counterparty: ZERO });
  // Block 2: roles (names given by the indexer for known roles; the bridge role left as a hash).
  const roles = newTx(1, 2);
  role(roles(0), "role_granted", "admin", G.admin, ZERO);
  role(roles(1), "role_granted", "minter", G.minter, G.admin);
  role(roles(2), "role_granted", "minter", G.oldMinter, G.admin);
  role(roles(3), "role_granted", "burner", G.burner, G.admin);
  role(roles(4), "role_granted", "bridge", G.pool, G.admin);
  role(roles(5), "role_granted", "freezer", G.freezer, G.admin);
  role(roles(6), "role_granted", "pauser", G.pauser, G.admin);
  // Block 3: issuer mint of 1,000 to the VASP.
  const mint = newTx(1, 3);
  tr.push(transfer(mint(0), ZERO, G.gov, 1_000n * E18));
  tok(mint(1), "issuer_mint", { actor: G.gov, subject: G.gov, amount: 1_000n * E18 });
  tr.push(transfer(mint(2), G.gov, G.vasp, 1_000n * E18));
  gov(mint(3), "native_mint", { actor: G.minter, subject: G.vasp, amount: 1_000n * E18 });
  // Block 4: bridge mint of 300 to the customer by the (untagged) pool.
  const bmint = newTx(1, 4);
  tr.push(transfer(bmint(0), ZERO, G.gov, 300n * E18));
  tok(bmint(1), "issuer_mint", { actor: G.gov, subject: G.gov, amount: 300n * E18 });
  tr.push(transfer(bmint(2), G.gov, G.customer, 300n * E18));
  gov(bmint(3), "bridge_mint", { actor: G.pool, subject: G.customer, amount: 300n * E18 });
  // Block 5: a payment AE → PK.
  tr.push(transfer(newTx(1, 5)(0), G.vasp, G.pkBank, 400n * E18));
  // Block 6: redemption of 200 from the VASP.
  const redeem = newTx(1, 6);
  tr.push(transfer(redeem(0), G.vasp, G.gov, 200n * E18));
  tr.push(transfer(redeem(1), G.gov, ZERO, 200n * E18));
  tok(redeem(2), "issuer_burn", { actor: G.gov, subject: G.gov, amount: 200n * E18 });
  gov(redeem(3), "native_burn", { actor: G.burner, subject: G.vasp, amount: 200n * E18 });
  // Block 7 (tail): bridge burn of 100 from the customer.
  const bburn = newTx(1, 7);
  tr.push(transfer(bburn(0), G.customer, G.gov, 100n * E18));
  tr.push(transfer(bburn(1), G.gov, ZERO, 100n * E18));
  tok(bburn(2), "issuer_burn", { actor: G.gov, subject: G.gov, amount: 100n * E18 });
  gov(bburn(3), "bridge_burn", { actor: G.pool, subject: G.customer, amount: 100n * E18 });
  // Block 8: freeze the customer.
  const freeze = newTx(1, 8);
  tok(freeze(0), "freeze", { actor: G.gov, subject: G.customer });
  gov(freeze(1), "account_frozen", { actor: G.freezer, subject: G.customer });
  // Block 9: reallocate 50 out of the frozen customer through TokenFunctionExecuted.
  const realloc = newTx(1, 9);
  tok(realloc(0), "frozen_funds_reallocated", {
    actor: G.gov,
    subject: G.customer,
    counterparty: G.vasp,
    amount: 50n * E18,
  });
  tr.push(transfer(realloc(1), G.customer, G.vasp, 50n * E18));
  gov(realloc(2), "token_function_executed", {
    actor: G.admin,
    subject: G.customer,
    counterparty: G.vasp,
    amount: 50n * E18,
    args: {
      caller: G.admin,
      function: "reallocate",
      from: G.customer,
      to: G.vasp,
      amount: String(50n * E18),
    },
  });
  // Block 10: pause.
  const pause = newTx(1, 10);
  tok(pause(0), "pause", { actor: G.gov });
  gov(pause(1), "contract_paused", { actor: G.pauser });
  // Block 11: the old minter loses the role.
  role(newTx(1, 11)(0), "role_revoked", "minter", G.oldMinter, G.admin);
  // Block 12: upgrade to V2.
  const upgrade = newTx(1, 12);
  tok(upgrade(0), "upgraded", { subject: G.impl2 });
  tok(upgrade(1), "initialized", { args: { version: "2" } });
  // Block 13: GOV starts handing the token to GOV2 (not accepted).
  const handover = newTx(1, 13);
  tok(handover(0), "ownership_transfer_started", { subject: G.gov2, counterparty: G.gov });
  gov(handover(1), "governor_ownership_transferred", { actor: G.admin, subject: G.gov2 });

  // Chain 2, no governor: the treasury mints 500 to itself, pays the pool 300, the pool burns it.
  const mint2 = newTx(2, 3);
  tr.push(transfer(mint2(0), ZERO, G.treasury2, 500n * E18));
  ev.push(
    event(mint2(1), G.token, "issuer_mint", { actor: G.treasury2, subject: G.treasury2, amount: 500n * E18 }),
  );
  tr.push(transfer(newTx(2, 4)(0), G.treasury2, G.pool2, 300n * E18));
  const burn2 = newTx(2, 5);
  tr.push(transfer(burn2(0), G.pool2, ZERO, 300n * E18));
  ev.push(event(burn2(1), G.token, "issuer_burn", { actor: G.pool2, subject: G.pool2, amount: 300n * E18 }));

  return { transfers: tr, events: ev, tx: { mint, bmint, redeem, bburn, freeze, realloc, pause, handover } };
}

/** Writes the scenario and advances the rollups to each chain's rolled-up block (the indexer's path). */
export async function seedGovernorFixture(db: Db): Promise<ReturnType<typeof governorScenario>> {
  const s = governorScenario();
  await db.insert(chains).values([
    { chainId: 1, name: "Governed", tokenAddress: G.token, startBlock: 1n, confirmations: 1 },
    { chainId: 2, name: "Owned", tokenAddress: G.token, startBlock: 1n, confirmations: 1 },
  ]);
  const [vasp, bank] = await db
    .insert(entities)
    .values([
      { name: "Gulf VASP", kind: "exchange", country: "AE", licenceStatus: "licensed" },
      { name: "PK Bank", kind: "bank", country: "PK", licenceStatus: "licensed" },
    ])
    .returning({ id: entities.id });
  await db.insert(addresses).values([
    { chainId: 1, address: G.vasp, entityId: vasp!.id, label: "Gulf VASP hot wallet", tags: ["hot_wallet"] },
    { chainId: 1, address: G.pkBank, entityId: bank!.id, label: "PK Bank", tags: [] },
    { chainId: 1, address: G.minter, entityId: null, label: "Issuer minter key", tags: ["treasury"] },
    { chainId: 1, address: G.freezer, entityId: null, label: "Freezer key", tags: [] },
    { chainId: 2, address: G.treasury2, entityId: null, label: "Treasury", tags: ["treasury"] },
    { chainId: 2, address: G.pool2, entityId: null, label: "CCIP pool", tags: ["bridge"] },
  ]);
  await db
    .insert(watchedGovernors)
    .values({ chainId: 1, address: G.gov, source: "owner_at_start", sinceBlock: 1n });
  const heights = [...new Set(s.transfers.map((t) => `${t.chainId}:${t.blockNumber}`))];
  await db.insert(blocks).values(
    [...new Set([...heights, ...s.events.map((e) => `${e.chainId}:${e.blockNumber}`)])].map((k) => {
      const [chainId, n] = k.split(":").map(Number) as [number, number];
      const hex = (x: number) => `0x${x.toString(16).padStart(64, "0")}` as Hash;
      return {
        chainId,
        number: BigInt(n),
        hash: hex(chainId * 1000 + n),
        parentHash: hex(chainId * 1000 + n - 1),
        timestamp: blockTime(n),
      };
    }),
  );
  await db.insert(transfers).values(s.transfers);
  await db.insert(tokenEvents).values(s.events);
  await db.insert(indexerCheckpoints).values([
    { chainId: 1, indexedBlock: 20n, rolledUpBlock: GOV_ROLLED_UP[1] },
    { chainId: 2, indexedBlock: 20n, rolledUpBlock: GOV_ROLLED_UP[2] },
  ]);
  await db.transaction(async (tx) => {
    for (const [chainId, to] of Object.entries(GOV_ROLLED_UP)) {
      await advanceRollups(tx, { chainId: Number(chainId), from: 0n, to });
    }
  });
  return s;
}
