/**
 * Live traffic after the backfill: every intervalMs, a few remittances into Pakistan mined in one
 * block stamped with the wall clock, so the dashboard keeps moving while someone watches.
 *
 * Balances are read from the chain at start (and again after any error), then tracked locally; a
 * sender short of funds buys a distribution from the treasury first (minting if needed), so every
 * transaction is valid. Automine is switched off while it runs and restored by stop().
 */
import type { Address } from "viem";
import { createRng } from "./prng";
import type { Registry } from "./registry";
import { CORRIDOR_WEIGHTS, SOURCE_GROUPS } from "./registry-catalog";
import { createRpc, fromQuantity, toQuantity, type RpcCall } from "./rpc";
import { DEFAULT_GAS_PER_TX, encodeAction, readBlock, readNonces, sendCall, targetOf, verifyBlocks } from "./tx";
import { usdToWei, WEI_PER_USD, type PlannedAction } from "./types";

export type LiveTrafficParams = {
  rpcUrl: string;
  token: Address;
  governor: Address;
  owner: Address;
  registry: Registry;
  seed: string | number;
  intervalMs: number;
  /** Most remittances per tick (at least one is sent); default 3. */
  maxPerTick?: number;
  onTick?: (tick: { block: bigint; ts: number; txs: number }) => void;
  onError?: (err: unknown) => void;
};

export type LiveTraffic = { stop(): Promise<void>; stats(): { ticks: number; txsSent: number } };

const DISTRIBUTION_LOT = 50_000n * WEI_PER_USD;
const MINT_LOT = 500_000n * WEI_PER_USD;
const BALANCE_OF = "0x70a08231";

function balanceOfCall(token: Address, account: Address): RpcCall {
  return {
    method: "eth_call",
    params: [{ to: token, data: `${BALANCE_OF}${account.slice(2).padStart(64, "0")}` }, "latest"],
  };
}

export async function startLiveTraffic(params: LiveTrafficParams): Promise<LiveTraffic> {
  const { token, owner, registry } = params;
  const rpc = createRpc(params.rpcUrl);
  const rng = createRng(`live:${params.seed}`);
  const automine = await rpc.call<boolean>("anvil_getAutomine");
  await rpc.call("evm_setAutomine", [false]);
  const wallets = [owner, ...registry.sources.flatMap((s) => s.wallets)];
  const balances = new Map<Address, bigint>();
  let synced = false;
  let lastTs = (await readBlock(rpc, "latest")).timestamp;
  let ticks = 0;
  let txsSent = 0;

  async function sync() {
    const results = await rpc.batch(wallets.map((w) => balanceOfCall(token, w)));
    wallets.forEach((w, i) => balances.set(w, fromQuantity(results[i])));
    synced = true;
  }

  /** The tick's actions, in order, with local balances updated as the chain will. */
  function planTick(ts: number): PlannedAction[] {
    const actions: PlannedAction[] = [];
    const toppedUp = new Set<Address>();
    const count = 1 + rng.int(0, params.maxPerTick ?? 3);
    for (let i = 0; i < count; i++) {
      const group = SOURCE_GROUPS[rng.weightedIndex(SOURCE_GROUPS.map((g) => CORRIDOR_WEIGHTS[g]))];
      const entity = rng.weighted(
        registry.sources.filter((s) => s.group === group),
        (s) => s.weight,
      );
      const from = rng.pick(entity.wallets);
      const destination = rng.weighted(registry.destinations, (d) => d.weight);
      const amount = usdToWei(Math.min(9_500, Math.max(15, rng.lognormal(Math.log(400), 0.85))));
      const held = balances.get(from) ?? 0n;
      // A block must not depend on order across senders: a wallet topped up in this block spends
      // from the next one.
      if (toppedUp.has(from)) continue;
      if (held < amount) {
        toppedUp.add(from);
        if ((balances.get(owner) ?? 0n) < DISTRIBUTION_LOT) {
          actions.push({ kind: "mint", ts, from: owner, amount: MINT_LOT });
          balances.set(owner, (balances.get(owner) ?? 0n) + MINT_LOT);
        }
        actions.push({
          kind: "transfer",
          ts,
          from: owner,
          to: from,
          amount: DISTRIBUTION_LOT,
          purpose: "distribution",
        });
        balances.set(owner, (balances.get(owner) ?? 0n) - DISTRIBUTION_LOT);
        balances.set(from, held + DISTRIBUTION_LOT);
        continue;
      }
      balances.set(from, held - amount);
      actions.push({
        kind: "transfer",
        ts,
        from,
        to: rng.pick(destination.wallets),
        amount,
        purpose: "remittance",
      });
    }
    return actions;
  }

  async function tick() {
    if (!synced) await sync();
    const head = await readBlock(rpc, "latest");
    const ts = Math.max(Math.floor(Date.now() / 1000), lastTs + 1, head.timestamp + 1);
    const actions = planTick(ts);
    const nonces = await readNonces(rpc, [...new Set(actions.map((a) => a.from))]);
    const calls: RpcCall[] = [{ method: "evm_setNextBlockTimestamp", params: [toQuantity(ts)] }];
    for (const a of actions) {
      const nonce = nonces.get(a.from) ?? 0;
      nonces.set(a.from, nonce + 1);
      calls.push(sendCall(targetOf(a, params), a.from, encodeAction(a), nonce, DEFAULT_GAS_PER_TX));
    }
    const hashes = (await rpc.batch(calls)).slice(1).map((h) => String(h).toLowerCase());
    await rpc.call("evm_mine");
    const block = head.number + 1n;
    await verifyBlocks(rpc, token, [{ number: block, ts, hashes }]);
    lastTs = ts;
    ticks += 1;
    txsSent += hashes.length;
    params.onTick?.({ block, ts, txs: hashes.length });
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((err: unknown) => {
          synced = false; // re-read balances: the chain is the truth
          params.onError?.(err);
        })
        .finally(schedule);
    }, params.intervalMs);
  };
  schedule();

  return {
    stats: () => ({ ticks, txsSent }),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
      await rpc.call("evm_setAutomine", [automine]).finally(() => rpc.close());
    },
  };
}
