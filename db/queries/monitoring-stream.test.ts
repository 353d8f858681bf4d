import { describe, expect, it } from "vitest";
import { byteInterner, hashBytes, parseCopyRow } from "./monitoring-stream";

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
    const intern = byteInterner();
    const first = parseCopyRow(buf, 0, end, intern);
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
    const second = parseCopyRow(buf, end + 1, buf.length - 1, intern);
    expect(second).toMatchObject({ block: 7, logIndex: 0, from: B, to: A, amount: 1n, kind: "burn" });
    // One string object per address.
    expect(second.from).toBe(first.to);
    expect(second.to).toBe(first.from);
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
    expect(() => parseCopyRow(buf, 0, buf.indexOf(10), byteInterner())).toThrow(/unexpected COPY row/);
  });
});

describe("byteInterner", () => {
  it("gives one string per distinct address, also when two addresses share a hash", () => {
    const addr = (k: number) => `0x${k.toString(16).padStart(40, "0")}`;
    const hashOf = (a: string) => hashBytes(bytes(a), 0, a.length);
    // The first pair of addresses 0x…0, 0x…1, … whose 30-bit hashes collide (birthday: ~40k in).
    const seen = new Map<number, number>();
    let pair: [string, string] | undefined;
    for (let k = 0; !pair; k++) {
      const h = hashOf(addr(k));
      const other = seen.get(h);
      if (other !== undefined) pair = [addr(other), addr(k)];
      else seen.set(h, k);
    }
    const [a, b] = pair;
    expect(a).not.toBe(b);
    expect(hashOf(a)).toBe(hashOf(b));
    const intern = byteInterner();
    const ia = intern(bytes(a), 0, a.length);
    const ib = intern(bytes(b), 0, b.length);
    expect([ia, ib]).toEqual([a, b]);
    // Seen again (at another offset of another buffer): the same objects.
    expect(intern(bytes(`\t${b}\t`), 1, b.length + 1)).toBe(ib);
    expect(intern(bytes(`\t${a}\t`), 1, a.length + 1)).toBe(ia);
    const c = addr(7);
    expect(intern(bytes(c), 0, c.length)).toBe(intern(bytes(` ${c}`), 1, c.length + 1));
  });
});
