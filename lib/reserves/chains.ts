// Which supply counts against reserves (DOMAIN.md §1, issue #17). Native USD1 lives on Ethereum,
// BNB Chain, Tron, Solana and Aptos; copies on bridged chains (Plume, Mantle, Monad, ...) are
// minted against native USD1 held by a bridge and would count it twice, so they never count.

/** Native deployments the EVM indexer cannot read: their supply is an entered, sourced figure. */
export const ENTERED_SUPPLY_CHAINS = ["tron", "solana", "aptos"] as const;
export type EnteredSupplyChain = (typeof ENTERED_SUPPLY_CHAINS)[number];

export const ENTERED_CHAIN_LABELS: Record<EnteredSupplyChain, string> = {
  tron: "Tron",
  solana: "Solana",
  aptos: "Aptos",
};

/**
 * The token address of USD1's bridged (CCIP) copies on other EVM chains. An indexed chain whose
 * token is one of these is a bridged chain: shown elsewhere, never in the collateral ratio.
 */
export const BRIDGED_TOKEN_ADDRESSES: readonly string[] = ["0x111111d2bf19e43c34263401e0cad979ed1cdb61"];

export function isNativeTokenAddress(tokenAddress: string): boolean {
  return !BRIDGED_TOKEN_ADDRESSES.includes(tokenAddress.toLowerCase());
}
