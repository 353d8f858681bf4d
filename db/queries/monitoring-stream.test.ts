import { describe, expect, it } from "vitest";
import { parseCopyLine } from "./monitoring-stream";

const A = "0x1234567800000000000000000000000000000001";
const B = "0x12345678ffffffffffffffffffffffffffffffff";
const same = (s: string) => s;
const TX = `0x${"ab".repeat(32)}`;

const line = (fields: string[]) => fields.join("\t");

describe("parseCopyLine", () => {
  const fields = ["1200", "3", "1735689600", TX, A, B, "1500000000000000000000", "transfer"];

  it("reads the eight fields of a row, amount exact", () => {
    const text = `${line(fields)}\n${line(fields)}\n`;
    const end = text.indexOf("\n");
    expect(parseCopyLine(text, 0, end, same)).toEqual({
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
    const second = parseCopyLine(text, end + 1, text.length - 1, same);
    expect(second.kind).toBe("transfer");
  });

  it.each([
    ["a missing field", fields.slice(0, 7)],
    ["an extra field", [...fields, "x"]],
    ["an unknown kind", [...fields.slice(0, 7), "swap"]],
  ])("refuses a row with %s", (_what, row) => {
    const text = `${line(row)}\n${line(fields)}\n`;
    expect(() => parseCopyLine(text, 0, text.indexOf("\n"), same)).toThrow(/unexpected COPY row/);
  });
});
