import { describe, expect, it } from "vitest";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "./registry";
import { parseRegistryCsv, parseRegistryCsvBytes, type RegistryCsvResult } from "./registry-csv";

const HEADER = "chain_id,address,entity_name,kind,country,licence_status,tags";
const CHECKSUMMED = "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045";
/** Same address with one letter's case flipped: a broken checksum. */
const BAD_CHECKSUM = "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045".replace("dA6", "Da6");
const LOWER = "0xabcdefabcdefabcdefabcdefabcdefabcdefabcd";

function errorsOf(result: RegistryCsvResult) {
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

describe("parseRegistryCsv", () => {
  it("reads a good file: checksummed and lower-case addresses, tags split on ; or |", () => {
    const result = parseRegistryCsv(
      [
        HEADER,
        `1,${CHECKSUMMED},Najd Exchange Co.,exchange,SA,licensed,hot_wallet;customer`,
        `56,${LOWER}, Najd Exchange Co. ,Exchange,sa,LICENSED,treasury|bridge|treasury`,
        `1,${LOWER},Indus Digital Exchange,exchange,PK,pending,`,
      ].join("\n"),
    );
    expect(result).toEqual({
      ok: true,
      rows: [
        {
          row: 2,
          chainId: 1,
          address: CHECKSUMMED.toLowerCase(),
          entityName: "Najd Exchange Co.",
          kind: "exchange",
          country: "SA",
          licenceStatus: "licensed",
          tags: ["hot_wallet", "customer"],
        },
        {
          row: 3,
          chainId: 56,
          address: LOWER,
          entityName: "Najd Exchange Co.",
          kind: "exchange",
          country: "SA",
          licenceStatus: "licensed",
          tags: ["treasury", "bridge"],
        },
        {
          row: 4,
          chainId: 1,
          address: LOWER,
          entityName: "Indus Digital Exchange",
          kind: "exchange",
          country: "PK",
          licenceStatus: "pending",
          tags: [],
        },
      ],
    });
  });

  it("accepts columns in any order, a BOM, CRLF, quoted fields and blank lines", () => {
    const text = `\ufeffTags,Country,Kind,Entity Name,Address,Chain ID,License Status\r\n\r\n"customer","PK","bank","Ravi ""Commercial"" Bank",${LOWER},1,licensed\r\n`;
    const result = parseRegistryCsv(text);
    expect(result.ok && result.rows[0]).toMatchObject({
      row: 3,
      entityName: 'Ravi "Commercial" Bank',
      kind: "bank",
      tags: ["customer"],
    });
  });

  it("lists every bad cell with its row and column", () => {
    const result = parseRegistryCsv(
      [
        HEADER,
        `1,${BAD_CHECKSUM},A,exchange,PK,licensed,`,
        `0,0x1234,B,broker,UK,maybe,vip`,
        `1,${LOWER},,exchange,ZZ,licensed,customer`,
      ].join("\n"),
    );
    expect(errorsOf(result).map((e) => [e.row, e.column])).toEqual([
      [2, "address"],
      [3, "chain_id"],
      [3, "address"],
      [3, "kind"],
      [3, "country"],
      [3, "licence_status"],
      [3, "tags"],
      [4, "entity_name"],
      [4, "country"],
    ]);
    const messages = errorsOf(result).map((e) => e.message);
    expect(messages[0]).toMatch(/EIP-55 checksum/);
    expect(messages[3]).toBe(
      'Unknown kind "broker"; use one of issuer, exchange, remittance_provider, bank, wallet_provider, bridge, other.',
    );
    expect(messages[4]).toMatch(/^Unknown country code "UK"/);
    expect(messages[6]).toMatch(/^Unknown tag "vip"/);
    expect(result).toMatchObject({ errorCount: 9, rowCount: 3 });
  });

  it("refuses a duplicate chain + address and one entity described two ways", () => {
    const result = parseRegistryCsv(
      [
        HEADER,
        `1,${LOWER},A,exchange,PK,licensed,`,
        `2,${LOWER},A,exchange,PK,licensed,`,
        `1,${LOWER.toUpperCase().replace("0X", "0x")},A,bank,AE,licensed,`,
      ].join("\n"),
    );
    // The all-upper-case form is not a checksum (viem strict): refused as such, not as a duplicate.
    expect(errorsOf(result).map((e) => [e.row, e.column])).toEqual([[4, "address"]]);

    const dup = parseRegistryCsv(
      [HEADER, `1,${LOWER},A,exchange,PK,licensed,`, `1,${LOWER},A,bank,AE,licensed,`].join("\n"),
    );
    expect(errorsOf(dup)).toEqual([
      { row: 3, column: "address", message: `Duplicate: chain 1 address ${LOWER} is already on row 2.` },
      { row: 3, column: "kind", message: '"A" has kind exchange on row 2, bank here.' },
      { row: 3, column: "country", message: '"A" has country PK on row 2, AE here.' },
    ]);
  });

  it("finds a duplicate even when the first occurrence has another bad cell", () => {
    const result = parseRegistryCsv(
      [HEADER, `1,${LOWER},A,exchange,PK,licensed,vip`, `1,${LOWER},A,exchange,PK,licensed,`].join("\n"),
    );
    expect(errorsOf(result).map((e) => [e.row, e.column])).toEqual([
      [2, "tags"],
      [3, "address"],
    ]);
  });

  it("refuses a bad header, a short row and broken quoting with a clear message", () => {
    expect(errorsOf(parseRegistryCsv("chain,address\n1,2"))).toContainEqual({
      row: 1,
      column: "entity_name",
      message: 'The header has no "entity_name" column.',
    });
    expect(errorsOf(parseRegistryCsv(`${HEADER}\n1,${LOWER},A`))).toEqual([
      { row: 2, column: null, message: "Expected 7 fields, found 3." },
    ]);
    expect(errorsOf(parseRegistryCsv(`${HEADER}\n1,"${LOWER},A,bank,PK,licensed,\n`))[0]).toMatchObject({
      column: null,
      message: "A quoted field is never closed: check for a stray double quote.",
    });
    expect(errorsOf(parseRegistryCsv(HEADER))).toEqual([
      { row: 2, column: null, message: "The file has a header but no rows." },
    ]);
  });

  it("enforces the size, encoding and row limits", () => {
    expect(errorsOf(parseRegistryCsvBytes(new Uint8Array(0)))[0]?.message).toBe("The file is empty.");
    expect(errorsOf(parseRegistryCsvBytes(new Uint8Array(MAX_IMPORT_BYTES + 1)))[0]?.message).toMatch(
      /larger than 5 MB/,
    );
    expect(errorsOf(parseRegistryCsvBytes(new Uint8Array([0xff, 0xfe, 0x41])))[0]?.message).toMatch(/UTF-8/);
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => `1,${LOWER},A,bank,PK,licensed,`);
    expect(errorsOf(parseRegistryCsv([HEADER, ...rows].join("\n")))[0]?.message).toMatch(/at most 20000/);
  });
});
