import { describe, expect, it } from "vitest";
import { MalformedRpcDataError } from "./errors";
import { checkHeader, checkLogs } from "./rpc-shapes";

const H = (c: string) => `0x${c.repeat(64)}`;
const log = {
  address: "0x8d0D000Ee44948FC98c9B98A4FA4921476f08B0d",
  topics: [H("d"), H("0")],
  data: "0x00ff",
  blockNumber: "0x10",
  blockHash: H("a"),
  transactionHash: H("b"),
  logIndex: "0x0",
  removed: false,
};
const header = {
  number: "0x10",
  hash: H("A"),
  parentHash: H("b"),
  timestamp: "0x5",
  logsBloom: `0x${"0".repeat(512)}`,
};

describe("shapes of RPC answers, checked before they reach COPY or an array literal", () => {
  it("passes well-formed logs and headers (hashes lower-cased)", () => {
    expect(checkLogs([log])).toEqual([log]);
    expect(checkHeader(header)).toMatchObject({ number: 16n, hash: H("a"), timestamp: 5 });
    expect(checkHeader(null)).toBeNull();
  });

  it.each([
    ["a short address", { address: "0x1234" }],
    ["a hash of 63 hex digits", { transactionHash: `0x${"b".repeat(63)}` }],
    ["a block hash with a quote", { blockHash: `0x${"a".repeat(63)}'` }],
    ["a topic that is not hex", { topics: [`0x${"z".repeat(64)}`] }],
    ["five topics", { topics: [H("1"), H("2"), H("3"), H("4"), H("5")] }],
    ["odd-length data", { data: "0x0" }],
    ["a pending log", { blockNumber: null }],
    ["a number without 0x", { logIndex: "7" }],
  ])("refuses a log with %s", (_name, patch) => {
    expect(() => checkLogs([{ ...log, ...patch }])).toThrow(MalformedRpcDataError);
  });

  it("refuses a header without a bloom, or with a malformed hash", () => {
    expect(() => checkHeader({ ...header, logsBloom: undefined })).toThrow(MalformedRpcDataError);
    expect(() => checkHeader({ ...header, parentHash: "0x" })).toThrow(MalformedRpcDataError);
    expect(() => checkLogs({ not: "an array" })).toThrow(MalformedRpcDataError);
  });
});
