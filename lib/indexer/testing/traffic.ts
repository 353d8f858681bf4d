import { encodeFunctionData, keccak256, numberToHex, toHex, type Address, type Hex } from "viem";
import { usd1Abi } from "@/lib/demo/contracts/usd1-abi";

/** Deterministic test wallets (anvil auto-impersonates them; no keys). */
export function testWallets(n: number, salt = "wallet"): Address[] {
  return Array.from({ length: n }, (_, i) => `0x${keccak256(toHex(`${salt}-${i}`)).slice(26)}` as Address);
}

export type TrafficTotals = {
  mint: { count: number; sum: bigint };
  burn: { count: number; sum: bigint };
  transfer: { count: number; sum: bigint };
  supply: bigint;
};

type Tx = { from: Address; data: Hex };

async function rpc<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`rpc http ${res.status}`);
  return (await res.json()) as T;
}

async function call(url: string, method: string, params: unknown[]): Promise<unknown> {
  const r = await rpc<{ result?: unknown; error?: { message: string } }>(url, {
    jsonrpc: "2.0",
    id: 1,
    method,
    params,
  });
  if (r.error) throw new Error(`${method}: ${r.error.message}`);
  return r.result;
}

/** Explicit nonces: anvil races on its own when one sender has several txs in one batch. */
async function nextNonce(url: string, from: Address, nonces: Map<Address, number>): Promise<number> {
  let n = nonces.get(from);
  if (n === undefined)
    n = Number(BigInt((await call(url, "eth_getTransactionCount", [from, "pending"])) as string));
  nonces.set(from, n + 1);
  return n;
}

/** Sends txs in one JSON-RPC batch, mines them into one block and checks every receipt. */
export async function mineBlock(
  url: string,
  token: Address,
  txs: Tx[],
  nonces = new Map<Address, number>(),
): Promise<void> {
  const withNonce: (Tx & { nonce: number })[] = [];
  for (const t of txs) withNonce.push({ ...t, nonce: await nextNonce(url, t.from, nonces) });
  const sent = await rpc<{ id: number; result?: Hex; error?: { message: string } }[]>(
    url,
    withNonce.map((t, i) => ({
      jsonrpc: "2.0",
      id: i,
      method: "eth_sendTransaction",
      params: [
        {
          from: t.from,
          to: token,
          data: t.data,
          gas: numberToHex(200_000),
          gasPrice: "0x0",
          nonce: numberToHex(t.nonce),
        },
      ],
    })),
  );
  const hashes = sent.map((s) => {
    if (!s.result) throw new Error(`send failed: ${s.error?.message}`);
    return s.result;
  });
  await call(url, "evm_mine", []);
  const receipts = await rpc<{ result: { status: Hex } | null }[]>(
    url,
    hashes.map((h, i) => ({ jsonrpc: "2.0", id: i, method: "eth_getTransactionReceipt", params: [h] })),
  );
  for (const r of receipts)
    if (r.result?.status !== "0x1") throw new Error("a traffic tx reverted or was not mined");
}

/**
 * Plain deterministic traffic for indexer tests: the owner mints, pays wallets, wallets pay each
 * other, some funds come back and are burned. Returns the expected Transfer totals per kind.
 */
export async function generateTraffic(p: {
  rpcUrl: string;
  token: Address;
  owner: Address;
  blocks: number;
  transfersPerBlock: number;
  wallets?: number;
}): Promise<TrafficTotals> {
  await call(p.rpcUrl, "evm_setAutomine", [false]);
  const wallets = testWallets(p.wallets ?? 50);
  const nonces = new Map<Address, number>();
  const bal = new Map<Address, bigint>(wallets.map((w) => [w, 0n]));
  const totals: TrafficTotals = {
    mint: { count: 0, sum: 0n },
    burn: { count: 0, sum: 0n },
    transfer: { count: 0, sum: 0n },
    supply: 0n,
  };
  const unit = 10n ** 16n;
  const enc = (fn: "mint" | "burn", amount: bigint) =>
    encodeFunctionData({ abi: usd1Abi, functionName: fn, args: [amount] });
  const transfer = (to: Address, amount: bigint) =>
    encodeFunctionData({ abi: usd1Abi, functionName: "transfer", args: [to, amount] });
  try {
    for (let b = 0; b < p.blocks; b++) {
      const txs: Tx[] = [];
      // anvil does not keep send order across senders within a block: a wallet may only spend
      // what it held when the block started.
      const spendable = new Map(bal);
      const mint = 1_000_000n * 10n ** 18n + BigInt(b) * unit;
      txs.push({ from: p.owner, data: enc("mint", mint) });
      totals.mint.count++;
      totals.mint.sum += mint;
      let ownerBal = mint;
      for (let i = 0; i < p.transfersPerBlock; i++) {
        const k = b * p.transfersPerBlock + i;
        const to = wallets[(k * 7) % wallets.length] as Address;
        const from = wallets[(k * 3 + 1) % wallets.length] as Address;
        const amount = BigInt(((k * 7919) % 90_000) + 1_000) * unit;
        const fromBal = spendable.get(from) ?? 0n;
        if (i % 2 === 0 || fromBal < amount || from === to) {
          txs.push({ from: p.owner, data: transfer(to, amount) });
          ownerBal -= amount;
        } else {
          txs.push({ from, data: transfer(to, amount) });
          spendable.set(from, fromBal - amount);
          bal.set(from, (bal.get(from) ?? 0n) - amount);
        }
        bal.set(to, (bal.get(to) ?? 0n) + amount);
        totals.transfer.count++;
        totals.transfer.sum += amount;
      }
      if (b % 3 === 2 && ownerBal > 0n) {
        const burn = ownerBal / 2n;
        txs.push({ from: p.owner, data: enc("burn", burn) });
        totals.burn.count++;
        totals.burn.sum += burn;
      }
      await mineBlock(p.rpcUrl, p.token, txs, nonces);
    }
  } finally {
    await call(p.rpcUrl, "evm_setAutomine", [true]);
  }
  totals.supply = totals.mint.sum - totals.burn.sum;
  return totals;
}

/**
 * Live traffic for follow-mode tests: one block every `intervalMs` until `until()` says stop, each
 * with one transfer from the owner (every tenth block also a mint, every fifteenth a burn), so
 * transfers keep arriving while the indexer follows the head. Returns the blocks mined.
 */
export async function steadyTraffic(p: {
  rpcUrl: string;
  token: Address;
  owner: Address;
  intervalMs: number;
  until: () => boolean;
  /** Called after each block, e.g. to check the indexer is still alive. */
  onBlock?: (n: number) => void;
}): Promise<number> {
  const wallets = testWallets(30, "steady");
  const nonces = new Map<Address, number>();
  const unit = 10n ** 15n;
  await call(p.rpcUrl, "evm_setAutomine", [false]);
  let n = 0;
  try {
    while (!p.until()) {
      const started = Date.now();
      const to = wallets[n % wallets.length] as Address;
      const amount = BigInt((n * 7919) % 50_000) * unit + unit;
      const txs: Tx[] = [
        {
          from: p.owner,
          data: encodeFunctionData({ abi: usd1Abi, functionName: "transfer", args: [to, amount] }),
        },
      ];
      if (n % 10 === 9)
        txs.push({
          from: p.owner,
          data: encodeFunctionData({ abi: usd1Abi, functionName: "mint", args: [amount * 3n] }),
        });
      if (n % 15 === 14)
        txs.push({
          from: p.owner,
          data: encodeFunctionData({ abi: usd1Abi, functionName: "burn", args: [amount] }),
        });
      await mineBlock(p.rpcUrl, p.token, txs, nonces);
      p.onBlock?.(++n);
      await new Promise((r) => setTimeout(r, Math.max(0, p.intervalMs - (Date.now() - started))));
    }
  } finally {
    await call(p.rpcUrl, "evm_setAutomine", [true]);
  }
  return n;
}
