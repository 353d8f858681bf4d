// Where the demo's market contracts live (issue #17): deployed by one market deployer at fixed
// nonces on every chain, so a plan knows every address before any chain starts.
import {
  encodeAbiParameters,
  getContractAddress,
  getCreate2Address,
  keccak256,
  type Address,
  type Hex,
} from "viem";
import { DEMO_DEPLOYER } from "../chains";

export const MARKET_DEPLOYER = "0x00000000000000000000000000000000000de917" as Address;

/** USD1's proxy: the second contract of the demo deployer (implementation first, lib/demo/chain/deploy.ts). */
export const DEMO_USD1 = lc(getContractAddress({ from: DEMO_DEPLOYER, nonce: 1n }));

/** keccak256 of UniswapV3Pool's creation code, as the factory deploys it (checked at deployment). */
export const POOL_INIT_CODE_HASH: Hex = "0xe34f199b19b2b4f47f68442619d555527d244f78a3297ea89325f843f87b8b54";

/** The market deployer's contracts, by nonce. */
export const MARKET_NONCES = { factory: 0n, quoteToken: 1n, router: 2n, reserveFeed: 3n } as const;

export function marketContract(name: keyof typeof MARKET_NONCES): Address {
  return lc(getContractAddress({ from: MARKET_DEPLOYER, nonce: MARKET_NONCES[name] }));
}

/** The factory's CREATE2 address of a pool (tokens sorted, as the factory sorts them). */
export function poolAddress(factory: Address, a: Address, b: Address, fee: number): Address {
  const [token0, token1] = sortTokens(a, b);
  const salt = keccak256(
    encodeAbiParameters([{ type: "address" }, { type: "address" }, { type: "uint24" }], [token0, token1, fee]),
  );
  return lc(getCreate2Address({ from: factory, salt, bytecodeHash: POOL_INIT_CODE_HASH }));
}

export function sortTokens(a: Address, b: Address): [Address, Address] {
  return BigInt(a) < BigInt(b) ? [lc(a), lc(b)] : [lc(b), lc(a)];
}

function lc(a: Address): Address {
  return a.toLowerCase() as Address;
}
