import { describe, expect, it } from "vitest";
import { loadEnv } from "@/lib/env-core";
import { resolveIndexerConfig } from "./config";

const env = (vars: Record<string, string> = {}) => loadEnv({ ...vars });
const ADDR = "0x8d0D000Ee44948FC98c9B98A4FA4921476f08B0d";

describe("resolveIndexerConfig", () => {
  it("reads flags, several --rpc, and lower-cases the address", () => {
    const c = resolveIndexerConfig(
      [
        "--rpc",
        "http://a:8545",
        "--rpc",
        "https://b/v1/key",
        "--chain-id",
        "1",
        "--address",
        ADDR,
        "--from-block",
        "100",
        "--to-block",
        "200",
        "--confirmations",
        "12",
      ],
      env(),
    );
    expect(c).toMatchObject({
      rpcUrls: ["http://a:8545", "https://b/v1/key"],
      chainId: 1,
      address: ADDR.toLowerCase(),
      fromBlock: 100n,
      toBlock: 200n,
      follow: false,
      confirmations: 12,
    });
  });

  it("reads the provider's log cap and the verify depth from flags or the environment", () => {
    const base = ["--rpc", "http://a", "--chain-id", "56", "--address", ADDR, "--from-block", "1"];
    expect(resolveIndexerConfig(base, env())).toMatchObject({
      logCap: 10_000,
      verifyDepth: 128,
      targetLogs: 5_000,
    });
    expect(
      resolveIndexerConfig(
        [...base, "--log-cap", "5000"],
        env({ INDEXER_LOG_CAP: "20000", INDEXER_VERIFY_DEPTH: "300" }),
      ),
    ).toMatchObject({ logCap: 5_000, verifyDepth: 300 });
    expect(() => resolveIndexerConfig([...base, "--log-cap", "1"], env())).toThrow(/invalid --log-cap/);
  });

  it("takes environment variables and presets, flags winning", () => {
    const c = resolveIndexerConfig(
      ["--follow", "--from-block", "5"],
      env({ INDEXER_PRESET: "bnb", INDEXER_RPC_URLS: "http://x, http://y" }),
    );
    expect(c).toMatchObject({
      chainId: 56,
      name: "BNB Chain",
      rpcUrls: ["http://x", "http://y"],
      fromBlock: 5n,
      follow: true,
    });
    expect(c.confirmations).toBeUndefined();
  });

  it("follows the chain's reserve sources and peg pools unless --no-market", () => {
    const base = ["--rpc", "http://a", "--chain-id", "1", "--from-block", "0", "--address", ADDR];
    expect(resolveIndexerConfig(base, env()).market).toBe(true);
    expect(resolveIndexerConfig([...base, "--market"], env()).market).toBe(true);
    expect(resolveIndexerConfig([...base, "--no-market"], env()).market).toBe(false);
  });

  it("takes --governor (lower-cased) over INDEXER_GOVERNOR, and leaves it unset by default", () => {
    const base = ["--rpc", "http://a", "--chain-id", "1", "--from-block", "0", "--address", ADDR];
    const gov = "0xEE9B1A09AEDAceD9dCDA74964EA447feb93861C2";
    const other = "0xF9e47d3720d5142930444ae6773C7F6d05696228";
    expect(resolveIndexerConfig(base, env()).governor).toBeUndefined();
    expect(resolveIndexerConfig(base, env({ INDEXER_GOVERNOR: other })).governor).toBe(other.toLowerCase());
    expect(
      resolveIndexerConfig([...base, "--governor", gov], env({ INDEXER_GOVERNOR: other })).governor,
    ).toBe(gov.toLowerCase());
    expect(
      resolveIndexerConfig(["--preset", "ethereum", "--rpc", "http://a", "--governor", gov], env()),
    ).toMatchObject({
      chainId: 1,
      governor: gov.toLowerCase(),
    });
  });

  it.each([
    [["--address", ADDR, "--governor", "0x1234"], /invalid --governor/],
    [
      ["--address", ADDR, "--governor", ADDR],
      /invalid --governor: --governor must not be the token's --address/,
    ],
    [["--address", "0x123"], /invalid --address/],
    [["--address", "0x8d0D000Ee44948FC98c9B98A4FA4921476f08b0d"], /invalid --address.*checksum/],
    [["--address", ADDR, "--chain-id", "0"], /invalid --chain-id/],
    [["--address", ADDR, "--from-block", "abc"], /invalid --from-block/],
    [["--address", ADDR, "--rpc", "ftp://x"], /invalid --rpc/],
    [
      ["--address", ADDR, "--to-block", "1", "--from-block", "5"],
      /--to-block must not be below --from-block/,
    ],
    [["--bogus"], /Unknown option '--bogus'/],
    [["--preset", "solana"], /unknown preset "solana"/],
  ])("refuses %j", (args, message) => {
    const base = ["--rpc", "http://a", "--chain-id", "1", "--from-block", "0"];
    expect(() => resolveIndexerConfig([...base, ...args], env())).toThrow(message);
  });
});
