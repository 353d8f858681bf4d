// Executes a small plan on a real anvil node and checks the chain against the plan's ground truth.
import { encodeFunctionData, getAddress, parseEventLogs, zeroAddress, type Log } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnvilNode } from "@/lib/demo/chain/anvil";
import { startDemoChain, type DemoChain } from "@/lib/demo/chain/demo-chain";
import { governorAbi, usd1V2Abi as usd1Abi } from "@/lib/demo/contracts/usd1-abi";
import { executePlan, type ExecuteProgress } from "./execute";
import { computeGroundTruth } from "./ground-truth";
import { startLiveTraffic } from "./live";
import { planActivity, planDays } from "./plan";
import { buildRegistry, deriveAddress } from "./registry";
import { createRpc, fromQuantity, toQuantity, type RpcClient } from "./rpc";
import { readBlock } from "./tx";
import type { Plan } from "./types";

const SEED = "int-test";
const CHAIN_ID = 31337;
const registry = buildRegistry(SEED, { chainIds: [CHAIN_ID] });
const plan = planActivity({ seed: SEED, days: 5, scale: 0.4, endDate: "2026-11-20", registry });
const truth = computeGroundTruth(plan);

let node: AnvilNode;
let deployment: DemoChain;
/** Last block of the deployment (token, governor, roles, upgrade, approvals): the plan starts after it. */
let setupBlock: bigint;
let rpc: RpcClient;

const call = async (data: string) =>
  fromQuantity(await rpc.call("eth_call", [{ to: deployment.token, data }, "latest"]));
const totalSupply = () => call(encodeFunctionData({ abi: usd1Abi, functionName: "totalSupply" }));

async function logsOf(address: string, fromBlock: bigint): Promise<Log[]> {
  const raw = await rpc.call("eth_getLogs", [
    { address, fromBlock: toQuantity(fromBlock), toBlock: "latest" },
  ]);
  return raw as Log[];
}
const tokenLogs = (fromBlock: bigint) => logsOf(deployment.token, fromBlock);

beforeAll(async () => {
  deployment = await startDemoChain({ chainId: CHAIN_ID, plan });
  node = deployment.node;
  rpc = createRpc(node.rpcUrl);
  setupBlock = (await readBlock(rpc, "latest")).number;
});

afterAll(async () => {
  rpc?.close();
  await node?.stop();
});

describe("executePlan", () => {
  it("runs the plan day by day and the chain matches the ground truth to the wei", async () => {
    const progress: ExecuteProgress[] = [];
    let txs = 0;
    for (const day of planDays(plan)) {
      const result = await executePlan({
        rpcUrl: node.rpcUrl,
        token: deployment.token,
        governor: deployment.governor,
        owner: registry.treasury,
        plan,
        range: day,
        onProgress: (p) => progress.push(p),
      });
      expect(result.txsSent).toBe(day.end - day.start);
      txs += result.txsSent;
    }
    expect(txs).toBe(plan.actions.length);
    expect(progress.at(-1)?.daysDone).toBe(4);

    expect(await totalSupply()).toBe(truth.totalSupply);

    const logs = parseEventLogs({ abi: usd1Abi, logs: await tokenLogs(setupBlock + 1n) });
    const kinds = {
      mint: { count: 0, sum: 0n },
      burn: { count: 0, sum: 0n },
      transfer: { count: 0, sum: 0n },
    };
    const events: Record<string, number> = {};
    for (const log of logs) {
      events[log.eventName] = (events[log.eventName] ?? 0) + 1;
      if (log.eventName !== "Transfer") continue;
      const kind = log.args.from === zeroAddress ? "mint" : log.args.to === zeroAddress ? "burn" : "transfer";
      kinds[kind].count += 1;
      kinds[kind].sum += log.args.value;
    }
    expect(kinds).toEqual(truth.transfers);
    expect(events).toEqual({
      Transfer: truth.transfers.mint.count + truth.transfers.burn.count + truth.transfers.transfer.count,
      Mint: truth.events.mint,
      Burn: truth.events.burn,
      Freeze: truth.events.freeze,
      Unfreeze: truth.events.unfreeze,
      FrozenAccountDrained: truth.events.drain,
      Paused: truth.events.pause,
      Unpaused: truth.events.unpause,
    });

    // Every token Mint/Burn/Freeze/Paused names the governor; the governor's own events name the actor.
    const minters = logs.flatMap((l) =>
      l.eventName === "Mint" || l.eventName === "Burn" ? [l.args.caller] : [],
    );
    expect(new Set(minters)).toEqual(new Set([getAddress(deployment.governor)]));
    const governed = parseEventLogs({
      abi: governorAbi,
      logs: await logsOf(deployment.governor, setupBlock + 1n),
    });
    const byName: Record<string, number> = {};
    for (const l of governed) byName[l.eventName] = (byName[l.eventName] ?? 0) + 1;
    expect(byName).toEqual({
      NativeMint: truth.governorEvents.nativeMint,
      NativeBurn: truth.governorEvents.nativeBurn,
      AccountFrozen: truth.events.freeze,
      AccountUnfrozen: truth.events.unfreeze,
      FrozenAccountDrained: truth.events.drain,
      ContractPaused: truth.events.pause,
      ContractUnpaused: truth.events.unpause,
    });
    const callers = new Set(governed.map((l) => ("caller" in l.args ? l.args.caller : null)));
    expect(callers).toEqual(new Set([getAddress(plan.owner), getAddress(plan.admin)]));
  });

  it("leaves every balance as planned and the drained account frozen", async () => {
    const holders = [...truth.balances.keys()];
    const results = await rpc.batch(
      holders.map((h) => ({
        method: "eth_call",
        params: [
          {
            to: deployment.token,
            data: encodeFunctionData({ abi: usd1Abi, functionName: "balanceOf", args: [h] }),
          },
          "latest",
        ],
      })),
    );
    holders.forEach((h, i) => expect(fromQuantity(results[i])).toBe(truth.balances.get(h)));
    const drain = plan.actions.find((a) => a.kind === "drain");
    if (drain?.kind !== "drain") throw new Error("no drain planned");
    expect(
      await call(encodeFunctionData({ abi: usd1Abi, functionName: "frozen", args: [drain.account] })),
    ).toBe(1n);
  });

  it("stamps blocks inside the planned period", async () => {
    const head = await readBlock(rpc, "latest");
    expect(head.timestamp).toBeGreaterThanOrEqual(plan.startTs);
    expect(head.timestamp).toBeLessThan(plan.endTs);
    const first = await readBlock(rpc, setupBlock + 1n);
    expect(first.timestamp).toBeGreaterThanOrEqual(plan.startTs);
  });

  it("fails loudly when a transaction reverts", async () => {
    const head = await readBlock(rpc, "latest");
    const broke = deriveAddress(SEED, "empty-wallet");
    const bogus: Plan = {
      ...plan,
      actions: [
        {
          kind: "transfer",
          ts: head.timestamp + 60,
          from: broke,
          to: registry.treasury,
          amount: 1n,
          purpose: "p2p",
        },
      ],
    };
    await expect(
      executePlan({
        rpcUrl: node.rpcUrl,
        token: deployment.token,
        governor: deployment.governor,
        owner: registry.treasury,
        plan: bogus,
      }),
    ).rejects.toThrow(/reverted/);
    expect(await rpc.call("anvil_getAutomine")).toBe(true);
  });
});

describe("startLiveTraffic", () => {
  it("mines valid remittances stamped with the wall clock", async () => {
    const errors: unknown[] = [];
    const before = await readBlock(rpc, "latest");
    const supplyBefore = await totalSupply();
    const live = await startLiveTraffic({
      rpcUrl: node.rpcUrl,
      token: deployment.token,
      governor: deployment.governor,
      owner: registry.treasury,
      registry,
      seed: SEED,
      intervalMs: 50,
      onError: (err) => errors.push(err),
    });
    const deadline = Date.now() + 20_000;
    while (live.stats().ticks < 5 && Date.now() < deadline && errors.length === 0) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await live.stop();
    expect(errors).toEqual([]);
    expect(live.stats().ticks).toBeGreaterThanOrEqual(5);

    const head = await readBlock(rpc, "latest");
    expect(head.number - before.number).toBe(BigInt(live.stats().ticks));
    expect(head.timestamp).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) - 60);
    const logs = parseEventLogs({
      abi: usd1Abi,
      logs: await tokenLogs(before.number + 1n),
      eventName: "Transfer",
    });
    // one Transfer per remittance or distribution; a mint adds two (0x0 → governor → treasury)
    const mints = logs.filter((l) => l.args.from === zeroAddress).length;
    expect(logs.length).toBe(live.stats().txsSent + mints);
    const minted = logs.filter((l) => l.args.from === zeroAddress).reduce((s, l) => s + l.args.value, 0n);
    expect(await totalSupply()).toBe(supplyBefore + minted);
  });
});
