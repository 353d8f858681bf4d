import { parseArgs } from "node:util";
import type { CoreEnv } from "@/lib/env-core";
import { indexerConfigSchema, type IndexerConfig, type IndexerConfigInput } from "@/lib/validators/indexer";
import { FatalIndexerError } from "./errors";
import { PRESETS, isPresetName } from "./presets";

export const USAGE = `usage: npm run indexer -- --rpc URL [--rpc URL2 ...] --chain-id N --address 0x... --from-block N
       [--to-block N | --follow] [--confirmations N] [--name NAME] [--preset ethereum|bnb]
       [--governor 0x...]   (watched beside the token's owner(), which is always followed)
       [--log-cap N]        (the provider's most logs per answer, default 10000)
       [--verify-depth N]   (blocks near the head checked one by one, default 128)
       [--no-market]        (leave the chain's configured reserve sources and peg pools alone;
                             by default the market follower indexes them beside the token and
                             runs R13/R14, with the same --follow / --to-block)
environment: INDEXER_RPC_URLS (comma-separated), INDEXER_CHAIN_ID, INDEXER_ADDRESS, INDEXER_FROM_BLOCK,
             INDEXER_TO_BLOCK, INDEXER_CONFIRMATIONS, INDEXER_PRESET, INDEXER_GOVERNOR,
             INDEXER_LOG_CAP, INDEXER_VERIFY_DEPTH,
             DATABASE_URL (else PGlite in PGLITE_DIR)`;

/** Flags win over environment variables, which win over the preset. */
export function resolveIndexerConfig(argv: string[], env: CoreEnv): IndexerConfig {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      allowNegative: true,
      options: {
        rpc: { type: "string", multiple: true },
        "chain-id": { type: "string" },
        address: { type: "string" },
        governor: { type: "string" },
        "from-block": { type: "string" },
        "to-block": { type: "string" },
        follow: { type: "boolean" },
        market: { type: "boolean" },
        confirmations: { type: "string" },
        name: { type: "string" },
        preset: { type: "string" },
        "poll-ms": { type: "string" },
        "target-logs": { type: "string" },
        "log-cap": { type: "string" },
        "verify-depth": { type: "string" },
        help: { type: "boolean" },
      },
    });
  } catch (err) {
    throw new FatalIndexerError(`${(err as Error).message}\n${USAGE}`);
  }
  const f = parsed.values;
  if (f.help) throw new FatalIndexerError(USAGE);
  const presetName = f.preset ?? env.INDEXER_PRESET;
  if (presetName !== undefined && !isPresetName(presetName)) {
    throw new FatalIndexerError(`unknown preset "${presetName}" (known: ${Object.keys(PRESETS).join(", ")})`);
  }
  const preset: Partial<IndexerConfigInput> = presetName ? PRESETS[presetName] : {};
  const envRpc = env.INDEXER_RPC_URLS?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const input = {
    rpcUrls: f.rpc ?? envRpc ?? [],
    chainId: f["chain-id"] ?? env.INDEXER_CHAIN_ID ?? preset.chainId,
    address: f.address ?? env.INDEXER_ADDRESS ?? preset.address,
    governor: f.governor ?? env.INDEXER_GOVERNOR,
    fromBlock: f["from-block"] ?? env.INDEXER_FROM_BLOCK ?? preset.fromBlock,
    toBlock: f["to-block"] ?? env.INDEXER_TO_BLOCK,
    follow: f.follow ?? false,
    market: f.market ?? true,
    confirmations: f.confirmations ?? env.INDEXER_CONFIRMATIONS,
    name: f.name ?? preset.name ?? `Chain ${f["chain-id"] ?? env.INDEXER_CHAIN_ID ?? "?"}`,
    ...(f["poll-ms"] ? { pollIntervalMs: f["poll-ms"] } : {}),
    ...(f["target-logs"] ? { targetLogs: f["target-logs"] } : {}),
    ...optional("logCap", f["log-cap"] ?? env.INDEXER_LOG_CAP),
    ...optional("verifyDepth", f["verify-depth"] ?? env.INDEXER_VERIFY_DEPTH),
  };
  const result = indexerConfigSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join(".") || "config";
    throw new FatalIndexerError(`invalid ${flagName(field)}: ${issue?.message ?? "invalid"}`);
  }
  return result.data;
}

const optional = <K extends string>(key: K, value: string | undefined) =>
  (value !== undefined ? { [key]: value } : {}) as Partial<Record<K, string>>;

function flagName(field: string): string {
  const map: Record<string, string> = {
    rpcUrls: "--rpc",
    chainId: "--chain-id",
    address: "--address",
    governor: "--governor",
    fromBlock: "--from-block",
    toBlock: "--to-block",
    confirmations: "--confirmations",
    logCap: "--log-cap",
    verifyDepth: "--verify-depth",
  };
  return map[field.split(".")[0] ?? field] ?? field;
}
