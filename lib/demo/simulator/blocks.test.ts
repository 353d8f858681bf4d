import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import { balancesBefore, groupIntoBlocks } from "./blocks";
import type { PlannedAction } from "./types";

const OWNER: Address = "0x00000000000000000000000000000000000000aa";
const A: Address = "0x00000000000000000000000000000000000000a1";
const B: Address = "0x00000000000000000000000000000000000000b1";
const C: Address = "0x00000000000000000000000000000000000000c1";

const t0 = 1_800_000_000 - (1_800_000_000 % 600);
const mint = (ts: number, amount: bigint): PlannedAction => ({ kind: "mint", ts, from: OWNER, amount });
const send = (ts: number, from: Address, to: Address, amount: bigint): PlannedAction => ({
  kind: "transfer",
  ts,
  from,
  to,
  amount,
  purpose: "p2p",
});
const all = (actions: PlannedAction[]) => ({ start: 0, end: actions.length });

describe("groupIntoBlocks", () => {
  it("puts one window's actions in one block stamped with the latest time", () => {
    const actions = [mint(t0 + 1, 100n), send(t0 + 5, OWNER, A, 10n), send(t0 + 9, OWNER, B, 10n)];
    expect(groupIntoBlocks(actions, all(actions), { blockSeconds: 600 })).toEqual([
      { ts: t0 + 9, start: 0, end: 3 },
    ]);
  });

  it("starts a block per window and keeps timestamps strictly increasing", () => {
    const actions = [mint(t0 + 1, 100n), mint(t0 + 601, 1n), mint(t0 + 1_300, 1n)];
    const blocks = groupIntoBlocks(actions, all(actions), { blockSeconds: 600, afterTs: t0 + 1 });
    expect(blocks.map((b) => [b.start, b.end])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(blocks.map((b) => b.ts)).toEqual([t0 + 2, t0 + 601, t0 + 1_300]);
  });

  it("splits when a sender needs funds another sender credits in the same block", () => {
    const actions = [
      mint(t0, 100n),
      send(t0 + 1, OWNER, A, 50n),
      send(t0 + 2, A, B, 20n),
      send(t0 + 3, B, C, 5n),
    ];
    const blocks = groupIntoBlocks(actions, all(actions), { blockSeconds: 600 });
    expect(blocks.map((b) => [b.start, b.end])).toEqual([
      [0, 2],
      [2, 3],
      [3, 4],
    ]);
    expect(blocks.map((b) => b.ts)).toEqual([t0 + 1, t0 + 2, t0 + 3]);
  });

  it("does not split when the sender could already pay at the block's start", () => {
    const actions = [
      mint(t0, 100n),
      send(t0 + 1, OWNER, A, 50n),
      send(t0 + 700, OWNER, A, 10n),
      send(t0 + 701, A, B, 40n),
    ];
    const blocks = groupIntoBlocks(actions, all(actions), { blockSeconds: 600 });
    expect(blocks.map((b) => [b.start, b.end])).toEqual([
      [0, 2],
      [2, 4],
    ]);
  });

  it("isolates admin actions in blocks of their own", () => {
    const actions: PlannedAction[] = [
      mint(t0, 100n),
      { kind: "freeze", ts: t0 + 1, from: OWNER, account: C },
      send(t0 + 2, OWNER, A, 1n),
      { kind: "pause", ts: t0 + 3, from: OWNER },
      { kind: "unpause", ts: t0 + 4, from: OWNER },
    ];
    const blocks = groupIntoBlocks(actions, all(actions), { blockSeconds: 600 });
    expect(blocks.map((b) => b.end - b.start)).toEqual([1, 1, 1, 1, 1]);
  });

  it("caps the transactions per block", () => {
    const actions = [mint(t0, 100n), ...Array.from({ length: 9 }, (_, i) => send(t0 + i, OWNER, A, 1n))];
    const blocks = groupIntoBlocks(actions, all(actions), { blockSeconds: 600, maxTxsPerBlock: 4 });
    expect(blocks.map((b) => b.end - b.start)).toEqual([4, 4, 2]);
  });

  it("groups a slice from the balances the earlier actions left", () => {
    const actions = [mint(t0, 100n), send(t0 + 1, OWNER, A, 50n), send(t0 + 2, A, B, 20n)];
    expect(balancesBefore(actions, 2).get(A)).toBe(50n);
    expect(groupIntoBlocks(actions, { start: 2, end: 3 }, { afterTs: t0 + 1 })).toEqual([
      { ts: t0 + 2, start: 2, end: 3 },
    ]);
  });
});
