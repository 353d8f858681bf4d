import { isAddress, type Address } from "viem";
import { z } from "zod";

const blockNumber = z
  .string()
  .regex(/^\d+$/, "must be a non-negative integer block number")
  .transform((s) => BigInt(s));

export const rpcUrl = z.string().regex(/^(https?|wss?):\/\/\S+$/, "must be an http(s):// or ws(s):// URL");

export const evmAddress = z
  .string()
  .refine(
    (s) => isAddress(s, { strict: true }),
    "must be a 0x-prefixed 20-byte address (mixed case must be a valid checksum)",
  )
  .transform((s) => s.toLowerCase() as Address);

/** Indexer settings after merging CLI flags, environment and preset (flags win). */
export const indexerConfigSchema = z
  .object({
    rpcUrls: z.array(rpcUrl).min(1, "at least one --rpc URL is required"),
    chainId: z.coerce.number().int().positive("--chain-id must be a positive integer"),
    name: z.string().min(1).max(64),
    address: evmAddress,
    /** A governor to watch beside the token's owner() and the owners it follows (DOMAIN.md §1b). */
    governor: evmAddress.optional(),
    fromBlock: blockNumber,
    toBlock: blockNumber.optional(),
    follow: z.boolean(),
    /** Also follow the chain's configured reserve sources and peg pools (lib/indexer/market). */
    market: z.boolean().default(true),
    /** Blocks behind the head that count as final; absent = use the node's `finalized` tag. */
    confirmations: z.coerce.number().int().min(0).max(10_000).optional(),
    pollIntervalMs: z.coerce.number().int().min(50).max(600_000).default(2_000),
    reconcileEveryMs: z.coerce.number().int().min(1_000).default(60_000),
    stallWarnMs: z.coerce.number().int().min(1_000).default(120_000),
    /** Logs per eth_getLogs answer to aim at; kept at most half of `logCap`. */
    targetLogs: z.coerce.number().int().min(100).max(100_000).default(5_000),
    /**
     * The most logs the provider returns in one answer (10,000 at Alchemy and Infura). An answer
     * this long may have been cut without an error, so its range is asked again, smaller.
     */
    logCap: z.coerce.number().int().min(2).max(1_000_000).default(10_000),
    /**
     * Blocks this close to the head are checked one by one (header, parent link, logsBloom) even
     * when final: no provider backend is assumed to lag further behind another.
     */
    verifyDepth: z.coerce.number().int().min(0).max(100_000).default(128),
    initialSpan: blockNumber.default(2_000n),
    maxSpan: blockNumber.default(500_000n),
  })
  .refine((c) => !(c.follow && c.toBlock !== undefined), "use either --to-block or --follow, not both")
  .refine(
    (c) => c.toBlock === undefined || c.toBlock >= c.fromBlock,
    "--to-block must not be below --from-block",
  )
  .refine((c) => c.governor !== c.address, {
    message: "--governor must not be the token's --address",
    path: ["governor"],
  });

export type IndexerConfig = z.output<typeof indexerConfigSchema>;
export type IndexerConfigInput = z.input<typeof indexerConfigSchema>;
