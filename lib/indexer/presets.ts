import type { IndexerConfigInput } from "@/lib/validators/indexer";

/**
 * Real-chain presets (DOMAIN.md §1). The from-blocks are assumptions placed safely before the
 * 28 Jan 2025 deployment (scanning a few empty weeks costs little); verify before relying on
 * them. Both chains publish a `finalized` tag, so confirmations are left to the node.
 */
export const PRESETS = {
  ethereum: {
    chainId: 1,
    name: "Ethereum",
    address: "0x8d0D000Ee44948FC98c9B98A4FA4921476f08B0d",
    fromBlock: "21700000",
  },
  bnb: {
    chainId: 56,
    name: "BNB Chain",
    address: "0x8d0D000Ee44948FC98c9B98A4FA4921476f08B0d",
    fromBlock: "45900000",
  },
} as const satisfies Record<string, Partial<IndexerConfigInput>>;

export type PresetName = keyof typeof PRESETS;
export const isPresetName = (s: string): s is PresetName => s in PRESETS;
