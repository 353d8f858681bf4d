import type { Address } from "viem";
import type { Db } from "@/db/client";
import { getIndexedSupply, insertReconciliation } from "@/db/queries/reconciliation";
import type { Logger } from "@/lib/logger";
import { erc20ReadAbi } from "./abi";
import type { RpcPool } from "./rpc";

/** Reads totalSupply() at `block` and stores it beside the indexed Σmint − Σburn at the same block. */
export async function reconcileSupply(p: {
  db: Db;
  pool: RpcPool;
  chainId: number;
  token: Address;
  block: bigint;
  log: Logger;
}) {
  const onchainSupply = await p.pool.call("totalSupply", (c) =>
    c.readContract({
      address: p.token,
      abi: erc20ReadAbi,
      functionName: "totalSupply",
      blockNumber: p.block,
    }),
  );
  const indexedSupply = await getIndexedSupply(p.db, { chainId: p.chainId, block: p.block });
  const row = await insertReconciliation(p.db, {
    chainId: p.chainId,
    blockNumber: p.block,
    indexedSupply,
    onchainSupply,
  });
  const fields = {
    block: p.block.toString(),
    indexed: indexedSupply.toString(),
    onchain: onchainSupply.toString(),
    difference: (indexedSupply - onchainSupply).toString(),
  };
  if (indexedSupply === onchainSupply) p.log.info(fields, "supply reconciled");
  else p.log.error(fields, "SUPPLY MISMATCH: indexed supply differs from totalSupply()");
  return row;
}
