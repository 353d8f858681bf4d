import { getContractAddress, type Address } from "viem";

/**
 * Local demo chains. Their ids are anvil-style, never 1 or 56: those stay reserved for the
 * real-chain presets (lib/indexer/presets.ts), so demo data can never be mistaken for mainnet.
 * USD1 lives mostly on Ethereum and BNB Chain, about equally (DOMAIN.md §1).
 */
export const DEMO_CHAINS = [
  { chainId: 31337, name: "Ethereum (local)", share: 0.5 },
  { chainId: 31338, name: "BNB Chain (local)", share: 0.5 },
] as const;

/** Deploys from the same account at the same nonce give the token the same address on every chain. */
export const DEMO_DEPLOYER = "0x00000000000000000000000000000000000de910" as Address;

/**
 * The governor's default admin: grants the roles, drains frozen accounts, executes token functions, and
 * holds the freezer/pauser roles in the demo (a compliance key apart from the treasury's minting key).
 */
export const DEMO_ISSUER_ADMIN = "0x00000000000000000000000000000000000ad111" as Address;

/** The TokenGovernor that owns the token: third contract of the deployer (lib/demo/chain/deploy-governed.ts). */
export const DEMO_GOVERNOR = getContractAddress({ from: DEMO_DEPLOYER, nonce: 2n }).toLowerCase() as Address;

/** Blocks behind the head that the demo treats as final (rollups stop there; reorgs above are rolled back). */
export const DEMO_CONFIRMATIONS = 3;
