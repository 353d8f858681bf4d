import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseListCsv } from "./csv";
import { parseOfacSdnXml } from "./ofac-sdn";
import { detectListFormat, parseListFile } from "./parse-file";

const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "testing/sdn-fixture.xml"), "utf8");
const A1 = "0x16c70ae05e8ed9f71b1fd612985c9716f72ae3d6";
const A2 = "0x8b7436e2723c8d2ddf1b73c640f69c59c6fa5f51";
const A3 = "0x1ea93fd9fa7b3a2670b6fe8ced6dc25a2546b9e1";
const B = "0x00000000000000000000000000000000000000b1";

describe("OFAC SDN XML", () => {
  it("takes every EVM digital currency address of the fixture, for every chain, and counts the rest", () => {
    expect(parseOfacSdnXml(FIXTURE, "OFAC SDN")).toEqual({
      ok: true,
      format: "ofac-sdn-xml",
      version: "2026-11-20",
      skipped: 2,
      lists: [
        {
          name: "OFAC SDN",
          entries: [
            {
              chainId: null,
              address: A1,
              reference: "NORTHWIND MIXING SERVICE (SDN uid 90001; CYBER2; Digital Currency Address - ETH)",
            },
            {
              chainId: null,
              address: A2,
              reference: "NORTHWIND MIXING SERVICE (SDN uid 90001; CYBER2; Digital Currency Address - ETH)",
            },
            {
              chainId: null,
              address: A3,
              reference: "PETROVSKI, Ivan (SDN uid 90002; CYBER2, DPRK3; Digital Currency Address - USDT)",
            },
          ],
        },
      ],
    });
  });

  it("reads a file without a default namespace the same way", () => {
    const bare = FIXTURE.replace(/ xmlns="[^"]+"/, "");
    expect(bare).not.toBe(FIXTURE);
    expect(parseOfacSdnXml(bare, "x")).toEqual(parseOfacSdnXml(FIXTURE, "x"));
  });

  it("refuses a malformed EVM-looking id, naming the entry's uid, with every error", () => {
    const bad = FIXTURE.replace("0x8b7436e2723c8d2ddf1b73c640f69c59c6fa5f51", "0x8b7436e2723c8d").replace(
      "0x1ea93fd9fa7b3a2670b6fe8ced6dc25a2546b9e1",
      "0x1ea93fd9fa7b3a2670b6fe8ced6dc25a2546b9eZ",
    );
    expect(parseOfacSdnXml(bad, "x")).toEqual({
      ok: false,
      format: "ofac-sdn-xml",
      errorCount: 2,
      errors: [
        {
          where: "sdnEntry uid 90001",
          message: 'Digital Currency Address - ETH "0x8b7436e2723c8d": must be a 0x-prefixed 20-byte address',
        },
        {
          where: "sdnEntry uid 90002",
          message:
            'Digital Currency Address - USDT "0x1ea93fd9fa7b3a2670b6fe8ced6dc25a2546b9eZ": must be a 0x-prefixed 20-byte address',
        },
      ],
    });
  });

  it("refuses a truncated file (Record_Count), another XML root, a DTD and broken XML", () => {
    const truncated = FIXTURE.replace("<Record_Count>4</Record_Count>", "<Record_Count>5</Record_Count>");
    expect(parseOfacSdnXml(truncated, "x")).toMatchObject({
      ok: false,
      errors: [{ where: "file", message: "Record_Count says 5 entries but the file has 4 (truncated?)" }],
    });
    expect(parseOfacSdnXml("<report><x/></report>", "x")).toMatchObject({
      ok: false,
      errors: [
        { where: "file", message: "not an OFAC SDN list: the root element is <report>, not <sdnList>" },
      ],
    });
    expect(parseOfacSdnXml('<!DOCTYPE x [<!ENTITY a "b">]><sdnList/>', "x")).toMatchObject({
      ok: false,
      errors: [{ where: "file", message: "the file declares a DTD (<!DOCTYPE>); the SDN list has none" }],
    });
    const broken = parseOfacSdnXml("<sdnList><sdnEntry", "x");
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.errors[0]?.message).toMatch(/^the file is not well-formed XML/);
    expect(parseOfacSdnXml(FIXTURE.slice(0, FIXTURE.indexOf("<uid>90004")), "x")).toMatchObject({
      ok: false,
      errors: [{ where: "file", message: "the file does not end with </sdnList> (truncated?)" }],
    });
  });
});

describe("list CSV", () => {
  it("reads the plain CSV, several lists, empty chain = every chain, duplicates folded", () => {
    const csv = [
      "chain_id,address,list_name,reference",
      `1,${A1.toUpperCase().replace("0X", "0x")},Sanctions,"S-1, first"`,
      `,${A2},Sanctions,S-2`,
      `1,${A2},Sanctions,S-2 again`,
      `137,${B},Mixers,M-1`,
      `137,${B},Mixers,M-1 twice`,
    ].join("\r\n");
    expect(parseListCsv(csv)).toEqual({
      ok: true,
      format: "csv",
      version: null,
      skipped: 0,
      lists: [
        {
          name: "Sanctions",
          entries: [
            { chainId: 1, address: A1, reference: "S-1, first" },
            { chainId: null, address: A2, reference: "S-2" },
          ],
        },
        { name: "Mixers", entries: [{ chainId: 137, address: B, reference: "M-1" }] },
      ],
    });
  });

  it("takes the list's name from the importer when the file has no list_name column", () => {
    const r = parseListCsv(`address,chain_id\n${A1},\n`, { name: "Local list" });
    expect(r).toEqual({
      ok: true,
      format: "csv",
      version: null,
      skipped: 0,
      lists: [{ name: "Local list", entries: [{ chainId: null, address: A1, reference: "" }] }],
    });
  });

  it("reports every bad row by line and applies nothing", () => {
    const csv = [
      "chain_id,address,list_name,reference",
      `1,${A1},Sanctions,ok`,
      `x,${A2},Sanctions,bad chain`,
      `1,0x1234,Sanctions,bad address`,
      `1,0x${"0".repeat(40)},Sanctions,zero`,
      `1,${A3},Other,wrong list`,
      `1,${A3},Registry,reserved`,
    ].join("\n");
    expect(parseListCsv(csv, { name: "Sanctions" })).toEqual({
      ok: false,
      format: "csv",
      errorCount: 5,
      errors: [
        { where: "line 3", message: "chain_id: must be a positive chain id, or empty for every chain" },
        { where: "line 4", message: "address: must be a 0x-prefixed 20-byte address" },
        { where: "line 5", message: "address: the zero address cannot be listed" },
        { where: "line 6", message: 'list_name: "Other" is not the list being imported ("Sanctions")' },
        {
          where: "line 7",
          message:
            'list_name: "registry" names the registry\'s sanctioned and high-risk tags; choose another name.',
        },
      ],
    });
  });

  it("refuses a file without an address column, without a list name, or without rows", () => {
    expect(parseListCsv("chain_id,list_name\n1,x\n")).toMatchObject({
      ok: false,
      errors: [
        {
          where: "line 1",
          message: "the header must name address (columns: chain_id, address, list_name, reference)",
        },
      ],
    });
    expect(parseListCsv(`address\n${A1}\n`)).toMatchObject({
      ok: false,
      errors: [{ where: "line 1", message: "name the list, or give the file a list_name column" }],
    });
    expect(parseListCsv("address,list_name\n")).toMatchObject({
      ok: false,
      errors: [{ where: "file", message: "the file has no entries" }],
    });
  });
});

describe("parseListFile", () => {
  it("detects the format, defaults the SDN list's name and refuses non-UTF-8 bytes", () => {
    expect(detectListFormat(`\uFEFF  ${FIXTURE}`)).toBe("ofac-sdn-xml");
    expect(detectListFormat("address,list_name\n")).toBe("csv");
    const sdn = parseListFile({ bytes: new TextEncoder().encode(FIXTURE), format: "auto" });
    expect(sdn.ok && sdn.lists.map((l) => [l.name, l.entries.length])).toEqual([["OFAC SDN", 3]]);
    expect(parseListFile({ bytes: new Uint8Array([0xff, 0xfe, 0x00]), format: "csv", name: "x" })).toEqual({
      ok: false,
      format: "csv",
      errorCount: 1,
      errors: [{ where: "file", message: "the file is not UTF-8 text" }],
    });
  });
});
