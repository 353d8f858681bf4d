import { describe, expect, it } from "vitest";
import { parseCopyRow } from "./monitoring-stream";

const A = "0x1234567800000000000000000000000000000001";
const B = "0x12345678ffffffffffffffffffffffffffffffff";
const TX = `0x${"ab".repeat(32)}`;

const line = (fields: string[]) => fields.join("\t");
const bytes = (text: string) => Buffer.from(text, "latin1");

describe("parseCopyRow", () => {
  const fields = ["1200", "3", "1735689600", TX, A, B, "1500000000000000000000", "transfer"];

  it("reads the eight fields of a row, amount exact", () => {
    const buf = bytes(`${line(fields)}\n${line(["7", "0", "1735689612", TX, B, A, "1", "burn"])}\n`);
    const end = buf.indexOf(10);
    const first = parseCopyRow(buf, 0, end);
    expect(first).toEqual({
      type: "transfer",
      block: 1200,
      logIndex: 3,
      time: 1_735_689_600,
      txHash: TX,
      from: A,
      to: B,
      amount: 1_500_000_000_000_000_000_000n,
      kind: "transfer",
    });
    const second = parseCopyRow(buf, end + 1, buf.length - 1);
    expect(second).toMatchObject({ block: 7, logIndex: 0, from: B, to: A, amount: 1n, kind: "burn" });
  });

  it("keeps no reference to the chunk: each string is its own copy", () => {
    const buf = bytes(`${line(fields)}\n`);
    const row = parseCopyRow(buf, 0, buf.indexOf(10));
    buf.fill(0);
    expect([row.txHash, row.from, row.to]).toEqual([TX, A, B]);
  });

  it.each([
    ["a missing field", fields.slice(0, 7)],
    ["an extra field", [...fields, "x"]],
    ["an unknown kind", [...fields.slice(0, 7), "swap"]],
    ["a kind with trailing text", [...fields.slice(0, 7), "transfers"]],
    ["a non-numeric block", ["12a0", ...fields.slice(1)]],
    ["an empty address", [...fields.slice(0, 4), "", ...fields.slice(5)]],
  ])("refuses a row with %s", (_what, row) => {
    const buf = bytes(`${line(row)}\n${line(fields)}\n`);
    expect(() => parseCopyRow(buf, 0, buf.indexOf(10))).toThrow(/unexpected COPY row/);
  });
});
