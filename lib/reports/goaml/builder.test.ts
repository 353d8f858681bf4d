import fs from "node:fs";
import { create } from "xmlbuilder2";
import { validateXML } from "xmllint-wasm";
import { describe, expect, it } from "vitest";
import type { CaseTransfer } from "@/db/queries/exports-report";
import { buildGoamlReport, goamlDateTime, indicatorsFor, xmlText, type GoamlReportInput } from "./builder";
import { DEFAULT_GOAML_SETTINGS, resolveGoamlSettings } from "./settings";

const XSD = fs.readFileSync(new URL("./goaml-subset.xsd", import.meta.url), "utf8");

async function validate(xml: string) {
  return validateXML({
    xml: [{ fileName: "report.xml", contents: xml }],
    schema: [{ fileName: "goaml-subset.xsd", contents: XSD }],
  });
}

const A = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;

const TRANSFERS: CaseTransfer[] = [
  {
    chainId: 31337,
    chainName: "Ethereum (local)",
    blockNumber: "120",
    blockTime: "2025-03-01T12:00:05Z",
    txHash: `0x${"ab".repeat(32)}`,
    logIndex: 3,
    kind: "transfer",
    amount: "1500000000000000000002",
    from: { address: A(0xa1), label: "Gulf hot <wallet> & co", entityName: "Gulf Exchange", country: "AE" },
    to: { address: A(0x101), label: null, entityName: null, country: null },
  },
  {
    chainId: 31338,
    chainName: "BNB Chain (local)",
    blockNumber: "77",
    blockTime: "2025-03-02T00:00:00Z",
    txHash: `0x${"cd".repeat(32)}`,
    logIndex: 0,
    kind: "transfer",
    amount: "999990000000000000000",
    from: { address: A(0x101), label: '=HYPERLINK("x")', entityName: null, country: null },
    to: { address: A(0xc1), label: "PK bank", entityName: "PK Bank", country: "PK" },
  },
];

const INPUT: GoamlReportInput = {
  exportId: "EX-7K2M-9QH4-TZ8D",
  submissionDate: new Date("2025-03-05T09:15:00.123Z"),
  reason: "Structuring below the travel-rule threshold, then pass-through to a PK bank.",
  action: "Accounts flagged for enhanced due diligence.",
  ruleIds: ["R3", "R2", "R2"],
  transfers: TRANSFERS,
};

/** The XML as a plain object tree, to read values back (xmlbuilder2 parses too). */
function parsed(xml: string) {
  return create(xml).end({ format: "object" }) as unknown as { report: Record<string, unknown> };
}

describe("buildGoamlReport", () => {
  const xml = buildGoamlReport(INPUT, DEFAULT_GOAML_SETTINGS);

  it("is valid against the goAML subset schema", async () => {
    const result = await validate(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("writes the header, one transaction per evidence transfer and the indicators in order", () => {
    expect(
      xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<report xmlns="http://www.unodc.org/goaml">'),
    ).toBe(true);
    const names = [...xml.matchAll(/^ {2}<([a-z_]+)[ >]/gm)].map((m) => m[1]);
    expect(names).toEqual([
      "rentity_id",
      "rentity_branch",
      "submission_code",
      "report_code",
      "entity_reference",
      "submission_date",
      "currency_code_local",
      "reporting_person",
      "location",
      "reason",
      "action",
      "transaction",
      "transaction",
      "report_indicators",
    ]);
    const r = parsed(xml).report as Record<string, unknown> & { transaction: Record<string, unknown>[] };
    expect(r.entity_reference).toBe("EX-7K2M-9QH4-TZ8D");
    expect(r.submission_date).toBe("2025-03-05T09:15:00");
    expect(r.report_code).toBe("STR");
    expect(r.currency_code_local).toBe("PKR");
    expect(r.report_indicators).toEqual({ indicator: ["VA-STRUCTURING", "VA-PASS-THROUGH"] });
    const [first, second] = r.transaction;
    expect(first).toMatchObject({
      transactionnumber: `0x${"ab".repeat(32)}`,
      internal_ref_number: "31337-120-3",
      transaction_location: "Ethereum (local) (EVM chain id 31337)",
      transaction_description:
        "USD1 transfer of 1,500.000000000000000002 USD1 (1500000000000000000002 wei), block 120, log index 3",
      date_transaction: "2025-03-01T12:00:05",
      transmode_code: "VA",
      // 1,500.000000000000000002 USD1 × 278.50 PKR = 417,750.00 PKR (rounded to the paisa).
      amount_local: "417750.00",
      t_from: {
        from_funds_code: "VA",
        from_account: {
          institution_name: "Gulf Exchange",
          account: A(0xa1),
          currency_code: "USD",
        },
        from_country: "AE",
      },
      t_to: {
        to_funds_code: "VA",
        to_account: { institution_name: "Unattributed wallet", account: A(0x101), currency_code: "USD" },
        to_country: "ZZ",
      },
    });
    // 999.99 × 278.50 = 278,497.215 → 278,497.22 (half away from zero).
    expect(second).toMatchObject({ amount_local: "278497.22", t_to: { to_country: "PK" } });
  });

  it("escapes through the XML library, never by hand", () => {
    expect(xml).toContain("<account_name>Gulf hot &lt;wallet&gt; &amp; co</account_name>");
    expect(xml).toContain('<account_name>=HYPERLINK("x")</account_name>');
    expect(xmlText("bell\u0007 and lone \ud800 surrogate")).toBe("bell\ufffd and lone \ufffd surrogate");
  });

  it("uses the settings a compliance officer edits", async () => {
    const settings = resolveGoamlSettings({
      rentityId: 4711,
      rentityBranch: undefined,
      reportCode: "SAR",
      localPerUsd: "280",
    });
    const custom = buildGoamlReport(INPUT, settings);
    expect(custom).toContain("<rentity_id>4711</rentity_id>");
    expect(custom).not.toContain("<rentity_branch>");
    expect(custom).toContain("<report_code>SAR</report_code>");
    expect(custom).toContain("<amount_local>420000.00</amount_local>");
    expect((await validate(custom)).valid).toBe(true);
  });

  it("refuses a case it cannot report", () => {
    expect(() => buildGoamlReport({ ...INPUT, transfers: [] }, DEFAULT_GOAML_SETTINGS)).toThrow(
      /evidence transfer/,
    );
    expect(() => buildGoamlReport({ ...INPUT, ruleIds: [] }, DEFAULT_GOAML_SETTINGS)).toThrow(/indicator/);
    expect(() => indicatorsFor(["R99"], DEFAULT_GOAML_SETTINGS)).toThrow(/R99/);
    expect(goamlDateTime("2025-03-01T12:00:05.999Z")).toBe("2025-03-01T12:00:05");
  });
});

describe("goaml-subset.xsd rejects what goAML would", () => {
  const xml = buildGoamlReport(INPUT, DEFAULT_GOAML_SETTINGS);

  it("a report without an indicator", async () => {
    const broken = xml.replace(/<report_indicators>[\s\S]*<\/report_indicators>/, "<report_indicators/>");
    expect(broken).not.toBe(xml);
    const result = await validate(broken);
    expect(result.valid).toBe(false);
    expect(result.errors[0]?.message).toMatch(/report_indicators.*Missing child element/);
  });

  it("a report without report_indicators at all", async () => {
    const result = await validate(xml.replace(/\s*<report_indicators>[\s\S]*<\/report_indicators>/, ""));
    expect(result.valid).toBe(false);
  });

  it("a report without a transaction", async () => {
    const result = await validate(xml.replace(/\s*<transaction>[\s\S]*<\/transaction>/, ""));
    expect(result.valid).toBe(false);
  });

  it("elements out of order (reason before location)", async () => {
    const location = /\s*<location>[\s\S]*?<\/location>/.exec(xml)![0];
    const swapped = xml.replace(location, "").replace(/(\s*<reason>[\s\S]*?<\/reason>)/, `$1${location}`);
    expect((await validate(swapped)).valid).toBe(false);
  });

  it("a wallet that is not an address, and an amount with fractions of a paisa", async () => {
    expect(
      (await validate(xml.replace(`<account>${A(0xa1)}</account>`, "<account>not-a-wallet</account>"))).valid,
    ).toBe(false);
    expect((await validate(xml.replace("417750.00", "417750.001"))).valid).toBe(false);
  });

  it("the wrong namespace", async () => {
    expect(
      (await validate(xml.replace('xmlns="http://www.unodc.org/goaml"', 'xmlns="urn:other"'))).valid,
    ).toBe(false);
  });
});
