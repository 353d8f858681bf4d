// A list change on real Postgres, through the monitor: an OFAC file naming a wallet that already
// transacted raises R1 over history once re-checked (a direct hit and its one hop); retiring the
// list withdraws those untouched alerts, and a later transfer of the wallet is no longer matched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { getMonitorCheckpoint } from "@/db/queries/monitoring";
import { listChainAlerts } from "@/db/queries/monitoring-alerts";
import { importWatchlistFile, retireWatchlist } from "@/db/queries/watchlists";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { catchUpChain } from "../evaluate";
import { registerSynthetic, writeSyntheticBlocks } from "../testing/load-synthetic";
import type { SyntheticChain } from "../testing/synthetic";
import { applyListsToHistory } from "./apply-to-history";

const USD = 10n ** 18n;
const CHAIN = 99_171;
const w = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as `0x${string}`;
const A = w(0xa1);
const B = w(0xb1);
const C = w(0xc1);
const D = w(0xd1);
const ADMIN = { id: "u-admin", email: "admin@example.test", role: "admin" };

const sdn = (address: string) =>
  new TextEncoder().encode(`<?xml version="1.0" standalone="yes"?>
<sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">
  <publshInformation><Publish_Date>11/20/2026</Publish_Date><Record_Count>1</Record_Count></publshInformation>
  <sdnEntry>
    <uid>80001</uid><lastName>TEST MIXER</lastName><sdnType>Entity</sdnType>
    <programList><program>CYBER2</program></programList>
    <idList><id><uid>81001</uid><idType>Digital Currency Address - ETH</idType><idNumber>${address}</idNumber></id></idList>
  </sdnEntry>
</sdnList>`);

function chainOf(moves: { block: number; from: string; to: string; amount: bigint }[]): SyntheticChain {
  const t0 = 1_767_225_600;
  return {
    chainId: CHAIN,
    t0,
    blockSeconds: 3_600,
    lastBlock: Math.max(...moves.map((m) => m.block)),
    entities: [],
    addresses: [],
    watchlist: [{ chainId: CHAIN, address: w(0x5a), listName: "Never transacts", reference: "" }],
    transfers: moves.map((m) => ({
      ...m,
      logIndex: 0,
      time: t0 + (m.block - 1) * 3_600,
      txHash: `0x${m.block.toString(16).padStart(64, "0")}`,
      kind: "transfer" as const,
    })),
    events: [],
    planted: [],
  };
}

const chain = chainOf([
  { block: 1, from: A, to: B, amount: 100n * USD },
  { block: 2, from: B, to: C, amount: 50n * USD },
  { block: 3, from: C, to: D, amount: 10n * USD },
  { block: 4, from: A, to: D, amount: 20n * USD },
]);

let db: { handle: DbHandle; database: TestDatabase };

async function liveR1() {
  const all = await listChainAlerts(db.handle.db, CHAIN);
  return all
    .filter((a) => a.ruleId === "R1" && a.status !== "withdrawn")
    .map((a) => ({ subject: a.key.split("|")[3], block: a.blockNumber, severity: a.severity }));
}

beforeAll(async () => {
  db = await openTestDb("usd1_lists_history");
  await registerSynthetic(db.handle.db, chain);
  await writeSyntheticBlocks(db.handle.db, chain, { fromBlock: 1, toBlock: 3 });
  await catchUpChain(db.handle.db, { chainId: CHAIN, mode: "keyset" });
});

afterAll(async () => {
  await db?.handle.close();
  await db?.database.drop();
});

describe("a list change re-checked over history", () => {
  let listId = 0;

  it("raises R1 where a newly listed wallet already transacted", async () => {
    expect(await liveR1()).toEqual([]);
    const outcome = await importWatchlistFile(db.handle.db, {
      bytes: sdn(A.toUpperCase().replace("0X", "0x")),
      fileName: "sdn.xml",
      format: "auto",
      name: "Test SDN",
      actor: ADMIN,
    });
    expect(outcome).toMatchObject({ status: "applied", lists: [{ name: "Test SDN", entries: 1 }] });
    listId = outcome.status === "applied" ? outcome.lists[0]!.id : 0;
    // Lists apply to history only when re-checked.
    expect(await liveR1()).toEqual([]);
    expect(await applyListsToHistory(db.handle)).toEqual({ added: 2, reinstated: 0, withdrawn: 0 });
    expect(await liveR1()).toEqual([
      { subject: A, block: 1n, severity: "severe" },
      { subject: B, block: 2n, severity: "high" },
    ]);
  });

  it("withdraws them when the list is retired, and no longer matches the wallet's next transfer", async () => {
    await retireWatchlist(db.handle.db, { id: listId, reason: "test", actor: ADMIN });
    expect(await applyListsToHistory(db.handle)).toEqual({ added: 0, reinstated: 0, withdrawn: 2 });
    expect(await liveR1()).toEqual([]);
    await writeSyntheticBlocks(db.handle.db, chain, { fromBlock: 4, toBlock: 4 });
    await catchUpChain(db.handle.db, { chainId: CHAIN, mode: "keyset" });
    expect((await getMonitorCheckpoint(db.handle.db, CHAIN))?.monitoredBlock).toBe(4n);
    expect(await liveR1()).toEqual([]);
  });
});
