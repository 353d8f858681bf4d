/**
 * Compiles the local USD1 test token and the OpenZeppelin 5 transparent proxy with the bundled solc (WASM, no
 * download) and rewrites artifacts.json + usd1-abi.ts. Run with `npm run contracts:build`.
 * Output is deterministic (sorted keys, pinned settings) so an unchanged source gives an unchanged diff.
 */
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import solc from "solc";
import * as prettier from "prettier";
import { z } from "zod";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, "../../..");
const OUT_DIR = import.meta.dirname;

const TOKEN_SOURCE = "lib/demo/contracts/USD1Token.sol";
const TOKEN_V2_SOURCE = "lib/demo/contracts/USD1TokenV2.sol";
const GOVERNOR_SOURCE = "lib/demo/contracts/TokenGovernor.sol";
const PROXY_SOURCE = "@openzeppelin/contracts/proxy/transparent/TransparentUpgradeableProxy.sol";
const ADMIN_SOURCE = "@openzeppelin/contracts/proxy/transparent/ProxyAdmin.sol";

/** Pinned: changing any of these changes every bytecode, hence every artifact. */
const COMPILER_SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  // Cancun runs on anvil's default (latest) hardfork and on every chain USD1 lives on.
  evmVersion: "cancun",
  outputSelection: {
    [TOKEN_SOURCE]: { USD1Token: ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] },
    [TOKEN_V2_SOURCE]: { USD1TokenV2: ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] },
    [GOVERNOR_SOURCE]: { TokenGovernor: ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] },
    [PROXY_SOURCE]: {
      TransparentUpgradeableProxy: ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"],
    },
    [ADMIN_SOURCE]: { ProxyAdmin: ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] },
  },
} as const;

const compiledContract = z.object({
  abi: z.array(z.record(z.string(), z.unknown())),
  evm: z.object({
    bytecode: z.object({ object: z.string().regex(/^[0-9a-f]+$/) }),
    deployedBytecode: z.object({ object: z.string().regex(/^[0-9a-f]+$/) }),
  }),
});
const solcOutput = z.object({
  errors: z
    .array(z.object({ severity: z.string(), formattedMessage: z.string() }))
    .optional()
    .default([]),
  contracts: z.record(z.string(), z.record(z.string(), compiledContract)).optional().default({}),
});

type Artifact = { source: string; abi: unknown[]; bytecode: string; deployedBytecode: string };

/** solc import callback: sources are resolved from the project root, then from node_modules. */
function findImports(importPath: string): { contents: string } | { error: string } {
  const candidates = [path.join(ROOT, importPath)];
  try {
    candidates.push(require.resolve(importPath, { paths: [ROOT] }));
  } catch {
    // not a package path; the root-relative candidate is the only one
  }
  const found = candidates.find((file) => existsSync(file));
  return found ? { contents: readFileSync(found, "utf8") } : { error: `File not found: ${importPath}` };
}

function compile(): Record<string, Artifact> {
  const input = {
    language: "Solidity",
    sources: {
      [TOKEN_SOURCE]: { content: readFileSync(path.join(ROOT, TOKEN_SOURCE), "utf8") },
      [TOKEN_V2_SOURCE]: { content: readFileSync(path.join(ROOT, TOKEN_V2_SOURCE), "utf8") },
      [GOVERNOR_SOURCE]: { content: readFileSync(path.join(ROOT, GOVERNOR_SOURCE), "utf8") },
      [PROXY_SOURCE]: { content: readFileSync(require.resolve(PROXY_SOURCE, { paths: [ROOT] }), "utf8") },
    },
    settings: COMPILER_SETTINGS,
  };
  const raw: unknown = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
  const output = solcOutput.parse(raw);
  const errors = output.errors.filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(`solc failed:\n${errors.map((e) => e.formattedMessage).join("\n")}`);
  for (const w of output.errors) console.warn(w.formattedMessage);

  const artifacts: Record<string, Artifact> = {};
  for (const [source, contracts] of Object.entries(output.contracts)) {
    for (const [name, c] of Object.entries(contracts)) {
      artifacts[name] = {
        source,
        abi: c.abi,
        bytecode: `0x${c.evm.bytecode.object}`,
        deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
      };
    }
  }
  return artifacts;
}

/** Recursively sorts object keys (arrays keep their order: ABI order is meaningful to readers). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

function pick(artifacts: Record<string, Artifact>, name: string): Artifact {
  const artifact = artifacts[name];
  if (!artifact) throw new Error(`solc produced no ${name}`);
  return artifact;
}

async function renderAbiModule(artifacts: Record<string, Artifact>): Promise<string> {
  const token = pick(artifacts, "USD1Token");
  const tokenV2 = pick(artifacts, "USD1TokenV2");
  const governor = pick(artifacts, "TokenGovernor");
  const proxy = pick(artifacts, "TransparentUpgradeableProxy");
  const admin = pick(artifacts, "ProxyAdmin");
  const json = (v: unknown) => JSON.stringify(sortKeys(v));
  const source = [
    "// Generated by lib/demo/contracts/build.ts (npm run contracts:build). Do not edit by hand.",
    "",
    "/** USD1Token V1 implementation (lib/demo/contracts/USD1Token.sol). */",
    `export const usd1Abi = ${json(token.abi)} as const;`,
    `export const usd1Bytecode = ${json(token.bytecode)} as const;`,
    "",
    "/** USD1TokenV2 implementation (lib/demo/contracts/USD1TokenV2.sol), the upgrade target. */",
    `export const usd1V2Abi = ${json(tokenV2.abi)} as const;`,
    `export const usd1V2Bytecode = ${json(tokenV2.bytecode)} as const;`,
    "",
    "/** TokenGovernor (lib/demo/contracts/TokenGovernor.sol), the token's owner. */",
    `export const governorAbi = ${json(governor.abi)} as const;`,
    `export const governorBytecode = ${json(governor.bytecode)} as const;`,
    "",
    "/** OpenZeppelin 5 TransparentUpgradeableProxy: deploys its own ProxyAdmin in the constructor. */",
    `export const proxyAbi = ${json(proxy.abi)} as const;`,
    `export const proxyBytecode = ${json(proxy.bytecode)} as const;`,
    "",
    "/** OpenZeppelin 5 ProxyAdmin (owner calls upgradeAndCall). */",
    `export const proxyAdminAbi = ${json(admin.abi)} as const;`,
    "",
  ].join("\n");
  const file = path.join(OUT_DIR, "usd1-abi.ts");
  const config = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(source, { ...config, filepath: file });
}

async function main(): Promise<void> {
  const artifacts = compile();
  const document = {
    compiler: { version: solc.version() as string, settings: COMPILER_SETTINGS },
    contracts: artifacts,
  };
  writeFileSync(path.join(OUT_DIR, "artifacts.json"), `${JSON.stringify(sortKeys(document), null, 2)}\n`);
  writeFileSync(path.join(OUT_DIR, "usd1-abi.ts"), await renderAbiModule(artifacts));
  const sizes = Object.entries(artifacts).map(([n, a]) => `${n} ${(a.deployedBytecode.length - 2) / 2} B`);
  console.log(`contracts:build ok (${sizes.join(", ")})`);
}

await main();
