// The goAML STR against two schemas: the built-in one (UNODC 5.0.1 structure and lengths, no
// namespace) and a deliberately stricter FIU customisation (4.x lengths, narrow code lists),
// proving that the installed XSD decides what is accepted.
import fs from "node:fs";
import { create } from "xmlbuilder2";
import { describe, expect, it } from "vitest";
import type { CaseTransfer } from "@/db/queries/exports-report";
import {
  buildGoamlReport,
  DRAFT_REASON_PREFIX,
  goamlDateTime,
  indicatorsFor,
  xmlText,
  type GoamlReportInput,
} from "./builder";
import { DEFAULT_GOAML_SETTINGS, resolveGoamlSettings } from "./settings";
import { builtInSchema, validateGoamlReport, type GoamlSchema } from "./validate";

const CUSTOM: GoamlSchema = {
  source: "installed",
  id: 1,
  fileName: "fiu-custom-4x.xsd",
  sha256: "0".repeat(64),
  version: "4.0.2-PK-test",
  content: fs.readFileSync(new URL("./testing/fiu-custom-4x.xsd", import.meta.url), "utf8"),
};

const A = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
const HASH_1 = `0x${"ab".repeat(32)}`;

const TRANSFERS: CaseTransfer[] = [
  {
    chainId: 31337,
    chainName: "Ethereum (local)",
    blockNumber: "120",
    blockTime: "2025-03-01T12:00:05Z",
    txHash: HASH_1,
    logIndex: 3,
    kind: "transfer",
    amount: "1500000000000000000002",
    from: { address: A(0xa1), label: "Gulf hot <wallet> & co", entityName: "Gulf Exchange", country: "AE" },
    to: { address: A(0x101), label: '=HYPERLINK("x")', entityName: null, country: null },
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
    from: { address: A(0x101), label: null, entityName: null, country: null },
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

/** Built-in-valid settings: the placeholders with a country for unattributed wallets. */
const BUILT_IN_OK = resolveGoamlSettings({ unknownCountryCode: "PK" });
/** What an officer sets after installing the stricter schema. */
const CUSTOM_OK = resolveGoamlSettings({
  transmodeCode: "VAT",
  fundsCode: "CRPTC",
  accountTypeCode: "CRYWT",
  institutionCode: "PK-VASP-UNKNOWN",
  unknownCountryCode: "-",
  indicators: { ...DEFAULT_GOAML_SETTINGS.indicators, R2: "PKVA01", R3: "PKVA01" },
});

function parsed(xml: string) {
  return create(xml).end({ format: "object" }) as unknown as { report: Record<string, unknown> };
}

describe("buildGoamlReport", () => {
  const xml = buildGoamlReport(INPUT, BUILT_IN_OK);

  it("writes unqualified elements in the schema's order, rentity_branch always", () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<report>\n')).toBe(true);
    expect(xml).not.toContain("xmlns");
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
  });

  it("writes one transaction per transfer: short unique numbers, the hash in the description, entities where known", () => {
    const r = parsed(xml).report as Record<string, unknown> & { transaction: Record<string, unknown>[] };
    expect(r.entity_reference).toBe("EX-7K2M-9QH4-TZ8D");
    expect(r.submission_date).toBe("2025-03-05T09:15:00");
    expect(r.report_indicators).toEqual({ indicator: ["VA-STRUCTURING", "VA-PASS-THROUGH"] });
    const [first, second] = r.transaction;
    expect(first).toEqual({
      transactionnumber: "31337-120-3",
      internal_ref_number: "EX-7K2M-9QH4-TZ8D/1",
      transaction_location: "Ethereum (local) (EVM chain id 31337)",
      transaction_description:
        "USD1 transfer of 1,500.000000000000000002 USD1 (1500000000000000000002 wei) on Ethereum (local) (EVM chain id 31337), " +
        `transaction hash ${HASH_1}, block 120, log index 3`,
      date_transaction: "2025-03-01T12:00:05",
      transmode_code: "VA",
      // 1,500.000000000000000002 USD1 × 278.50 PKR = 417,750.00 PKR (rounded to the paisa).
      amount_local: "417750.00",
      t_from: {
        from_funds_code: "O",
        from_entity: {
          name: "Gulf Exchange",
          incorporation_country_code: "AE",
          comments: expect.stringMatching(/^USD1 wallet 0x0{38}a1 \(Gulf hot /),
        },
        from_country: "AE",
      },
      t_to: {
        to_funds_code: "O",
        to_account: {
          institution_name: "Unattributed wallet",
          institution_code: "UNATTRIBUTED",
          account: A(0x101),
          currency_code: "USD",
          account_name: '=HYPERLINK("x")',
        },
        to_country: "PK",
      },
    });
    // 999.99 × 278.50 = 278,497.215 → 278,497.22 (half away from zero).
    expect(second).toMatchObject({
      transactionnumber: "31338-77-0",
      internal_ref_number: "EX-7K2M-9QH4-TZ8D/2",
      amount_local: "278497.22",
      t_to: { to_entity: { name: "PK Bank", incorporation_country_code: "PK" }, to_country: "PK" },
    });
  });

  it("escapes through the XML library, never by hand", () => {
    expect(xml).toContain(
      `<comments>USD1 wallet ${A(0xa1)} (Gulf hot &lt;wallet&gt; &amp; co) on Ethereum (local) (EVM chain id 31337), as attributed in the supervisor's registry.</comments>`,
    );
    expect(xmlText("bell\u0007 and lone \ud800 surrogate")).toBe("bell\ufffd and lone \ufffd surrogate");
  });

  it("marks a draft in a comment, in entity_reference and in reason", () => {
    const draft = buildGoamlReport({ ...INPUT, draft: true }, BUILT_IN_OK);
    expect(draft).toContain("<!-- DRAFT - NOT FOR FILING:");
    const r = parsed(draft).report;
    expect(r.entity_reference).toBe("EX-7K2M-9QH4-TZ8D-DRAFT");
    expect(r.reason).toBe(`${DRAFT_REASON_PREFIX}\n\n${INPUT.reason}`);
  });

  it("refuses a case it cannot report", () => {
    expect(() => buildGoamlReport({ ...INPUT, transfers: [] }, BUILT_IN_OK)).toThrow(/evidence transfer/);
    expect(() => buildGoamlReport({ ...INPUT, ruleIds: [] }, BUILT_IN_OK)).toThrow(/indicator/);
    expect(() => indicatorsFor(["R99"], BUILT_IN_OK)).toThrow(/R99/);
    const { institutionCode: _, ...noCode } = BUILT_IN_OK;
    expect(() => buildGoamlReport(INPUT, noCode)).toThrow(/Institution code for wallets/);
    expect(goamlDateTime("2025-03-01T12:00:05.999Z")).toBe("2025-03-01T12:00:05");
  });
});

describe("the built-in 5.0.1-shaped schema", () => {
  const xml = buildGoamlReport(INPUT, BUILT_IN_OK);

  it("accepts the report", async () => {
    expect(await validateGoamlReport(xml, builtInSchema())).toEqual({ valid: true, issues: [] });
  });

  it("refuses the placeholder country of unattributed wallets, naming each element and the setting", async () => {
    const result = await validateGoamlReport(
      buildGoamlReport(INPUT, DEFAULT_GOAML_SETTINGS),
      builtInSchema(),
    );
    const where =
      "The registry entity's country (Registry), or goAML settings → Country for unattributed wallets.";
    expect(result).toEqual({
      valid: false,
      issues: [
        {
          line: 50,
          path: "/report/transaction[1]/t_to/to_country",
          message: `<to_country>: "-" is not a code in the schema's list (249 codes).`,
          fix: where,
        },
        {
          line: 69,
          path: "/report/transaction[2]/t_from/from_country",
          message: `<from_country>: "-" is not a code in the schema's list (249 codes).`,
          fix: where,
        },
      ],
    });
  });

  it("refuses a namespaced root, a missing institution code and an address over 100 characters", async () => {
    const ns = await validateGoamlReport(
      xml.replace("<report>", '<report xmlns="http://www.unodc.org/goaml">'),
      builtInSchema(),
    );
    expect(ns.valid).toBe(false);
    expect(ns.issues[0]?.message).toMatch(/does not declare the report's root element/);

    const noCode = await validateGoamlReport(
      xml.replace(/\s*<institution_code>UNATTRIBUTED<\/institution_code>/, ""),
      builtInSchema(),
    );
    expect(noCode.issues[0]).toMatchObject({
      path: "/report/transaction[1]/t_to/to_account/account",
      message:
        "<account> is not expected here; the schema expects <institution_code> or <swift> at this place.",
    });

    const longAddress = buildGoamlReport(INPUT, resolveGoamlSettings({ unknownCountryCode: "PK" }));
    const tooLong = longAddress.replace(
      "<address>Placeholder address</address>",
      `<address>${"x".repeat(101)}</address>`,
    );
    expect((await validateGoamlReport(tooLong, builtInSchema())).issues).toEqual([
      {
        line: 18,
        path: "/report/location/address",
        message: "<address> is 101 characters long; the schema allows at most 100.",
        fix: "goAML settings → Location of the reporting entity.",
      },
    ]);
  });

  it("refuses a report without rentity_branch or without indicators", async () => {
    const noBranch = await validateGoamlReport(
      xml.replace(/\s*<rentity_branch>.*<\/rentity_branch>/, ""),
      builtInSchema(),
    );
    expect(noBranch.issues[0]?.message).toBe(
      "<submission_code> is not expected here; the schema expects <rentity_branch> at this place.",
    );
    const noIndicators = await validateGoamlReport(
      xml.replace(/<report_indicators>[\s\S]*<\/report_indicators>/, "<report_indicators/>"),
      builtInSchema(),
    );
    expect(noIndicators.issues[0]).toMatchObject({
      path: "/report/report_indicators",
      message: "<report_indicators> lacks a required element: <indicator>.",
    });
  });
});

describe("an installed, stricter FIU schema changes what is accepted", () => {
  it("refuses the built-in codes, each where it is set", async () => {
    const result = await validateGoamlReport(buildGoamlReport(INPUT, BUILT_IN_OK), CUSTOM);
    expect(result.valid).toBe(false);
    expect(result.issues.map((i) => [i.path, i.message, i.fix])).toEqual([
      [
        "/report/transaction[1]/transmode_code",
        '<transmode_code>: "VA" is not a code in the schema\'s list: VAT, EFT.',
        "goAML settings → Transmode code.",
      ],
      [
        "/report/transaction[1]/t_from/from_funds_code",
        '<from_funds_code>: "O" is not a code in the schema\'s list: CRPTC, K.',
        "goAML settings → Funds code.",
      ],
      [
        "/report/transaction[1]/t_to/to_funds_code",
        '<to_funds_code>: "O" is not a code in the schema\'s list: CRPTC, K.',
        "goAML settings → Funds code.",
      ],
      [
        "/report/transaction[2]/transmode_code",
        '<transmode_code>: "VA" is not a code in the schema\'s list: VAT, EFT.',
        "goAML settings → Transmode code.",
      ],
      [
        "/report/transaction[2]/t_from/from_funds_code",
        '<from_funds_code>: "O" is not a code in the schema\'s list: CRPTC, K.',
        "goAML settings → Funds code.",
      ],
      [
        "/report/transaction[2]/t_to/to_funds_code",
        '<to_funds_code>: "O" is not a code in the schema\'s list: CRPTC, K.',
        "goAML settings → Funds code.",
      ],
      [
        "/report/report_indicators/indicator",
        '<indicator>: "VA-STRUCTURING" is not a code in the schema\'s list: PKVA01, PKVA02, PKVA03.',
        "goAML settings → Report indicators (the code set for each rule that fired).",
      ],
      [
        "/report/report_indicators/indicator[2]",
        '<indicator>: "VA-PASS-THROUGH" is not a code in the schema\'s list: PKVA01, PKVA02, PKVA03.',
        "goAML settings → Report indicators (the code set for each rule that fired).",
      ],
    ]);
  });

  it("accepts the report once the settings carry the FIU's codes, and the built-in schema then refuses them", async () => {
    const xml = buildGoamlReport(INPUT, CUSTOM_OK);
    expect(xml).toContain("<personal_account_type>CRYWT</personal_account_type>");
    expect(xml).toContain("<to_country>-</to_country>");
    expect(parsed(xml).report.report_indicators).toEqual({ indicator: "PKVA01" });
    expect(await validateGoamlReport(xml, CUSTOM)).toEqual({ valid: true, issues: [] });
    const builtIn = await validateGoamlReport(xml, builtInSchema());
    expect(builtIn.issues.map((i) => i.path)).toEqual([
      // CRPTC and CRYWT are in the built-in stand-in lists too; VAT, "-" and PKVA01 are not.
      "/report/transaction[1]/transmode_code",
      "/report/transaction[1]/t_to/to_country",
      "/report/transaction[2]/transmode_code",
      "/report/transaction[2]/t_from/from_country",
      "/report/report_indicators/indicator",
    ]);
  });

  it("caps transaction numbers at 4.x's 50 characters: a 66-character hash would not fit", async () => {
    const xml = buildGoamlReport(INPUT, CUSTOM_OK).replace(
      "<transactionnumber>31337-120-3<",
      `<transactionnumber>${HASH_1}<`,
    );
    const result = await validateGoamlReport(xml, CUSTOM);
    expect(result.issues.map((i) => [i.path, i.message])).toEqual([
      [
        "/report/transaction[1]/transactionnumber",
        "<transactionnumber> is 66 characters long; the schema allows at most 50.",
      ],
    ]);
    // The built-in (5.0.1) schema allows 100.
    expect(
      (
        await validateGoamlReport(
          xml.replace(/PKVA01|VAT|CRPTC|-</g, (m) => m),
          builtInSchema(),
        )
      ).issues.some((i) => i.path?.endsWith("transactionnumber")),
    ).toBe(false);
  });
});
