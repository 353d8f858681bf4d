import type { Address } from "viem";
import { confirm, impersonatedWalletClient, localPublicClient, usd1Contract, ZERO_FEES } from "./deploy";

/** Gives a pool the token's bridge role (owner-only setBridge), as the issuer does for CCIP pools. */
export async function enableBridgePool(p: {
  rpcUrl: string;
  chainId: number;
  token: Address;
  owner: Address;
  pool: Address;
}): Promise<void> {
  const wallet = impersonatedWalletClient(p.rpcUrl, p.chainId, p.owner);
  const token = usd1Contract(wallet, p.token);
  const hash = await token.write.setBridge([p.pool, true], {
    account: p.owner,
    chain: wallet.chain,
    ...ZERO_FEES,
  });
  await confirm(localPublicClient(p.rpcUrl, p.chainId), hash);
}
