// The FMU's goAML XSD installed from the settings page, and the settings checked against it
// (issue #14), on a real Postgres: what is stored and audited, what is refused (nothing stored
// then), and a code the installed schema lacks refused on its field when the settings are saved.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { getGoamlSettings } from "@/db/queries/app-settings";
import { listAuditLog } from "@/db/queries/audit";
import { getGoamlSchema, installGoamlSchema, listGoamlSchemas } from "@/db/queries/goaml-schemas";
import { TRANSFER_RULE_IDS } from "@/db/schema/monitoring";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { AppError } from "@/lib/errors";
import { FieldErrors } from "@/lib/field-errors";
import { DEFAULT_GOAML_SETTINGS, type GoamlSettings } from "./settings";
import { checkGoamlSettingsCodes, saveCheckedGoamlSettings } from "./settings-check";

const OFFICER = { id: "u-co", email: "compliance@example.test", role: "compliance_officer" };
const OTHER = { id: "u-co2", email: "second@example.test", role: "compliance_officer" };
const CUSTOM = fs.readFileSync(new URL("./testing/fiu-custom-4x.xsd", import.meta.url));
const BUILT_IN = fs.readFileSync(new URL("./schemas/goaml-5.0.1-builtin.xsd", import.meta.url));
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const utf8 = (s: string) => new TextEncoder().encode(s);
const XS = 'xmlns:xs="http://www.w3.org/2001/XMLSchema"';

let db: { handle: DbHandle; database: TestDatabase };

beforeAll(async () => {
  db = await openTestDb("usd1_goaml_schemas");
});
afterAll(async () => {
  await db?.handle.close();
  await db?.database.drop();
});

async function schemaAudit() {
  return (await listAuditLog(db.handle.db, { action: "settings.goaml_schema", limit: 50, offset: 0 })).rows;
}

describe("installing the FMU's goAML schema", () => {
  it("without one, the built-in schema is in force and there is no history", async () => {
    const schema = await getGoamlSchema(db.handle.db);
    expect([schema.source, schema.id, schema.version]).toEqual(["built-in", null, "5.0.1 (built-in)"]);
    expect(schema.sha256).toBe(sha256(BUILT_IN));
    expect(await listGoamlSchemas(db.handle.db)).toEqual([]);
  });

  it("stores the file's SHA-256, size, version and uploader, audited once with the checksum", async () => {
    const row = await installGoamlSchema(db.handle.db, {
      fileName: "fiu-custom-4x.xsd",
      bytes: new Uint8Array(CUSTOM),
      actor: OFFICER,
      ip: "192.0.2.14",
      userAgent: "vitest",
    });
    expect(row).toMatchObject({
      fileName: "fiu-custom-4x.xsd",
      sha256: sha256(CUSTOM),
      sizeBytes: CUSTOM.byteLength,
      schemaVersion: "4.0.2-PK-test",
      uploadedByEmail: "compliance@example.test",
    });
    const inForce = await getGoamlSchema(db.handle.db);
    expect(inForce).toMatchObject({ source: "installed", id: row.id, sha256: sha256(CUSTOM) });
    expect(inForce.content).toBe(CUSTOM.toString("utf8"));

    const audit = await schemaAudit();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      target: "fiu-custom-4x.xsd",
      actorEmail: "compliance@example.test",
      ip: "192.0.2.14",
      checksum: sha256(CUSTOM),
    });
    expect(audit[0]?.params).toMatchObject({
      id: row.id,
      sizeBytes: CUSTOM.byteLength,
      schemaVersion: "4.0.2-PK-test",
      codeLists: { transmode: 2, funds: 2, accountType: 1, country: 6, indicator: 3, report: 1 },
    });
  });

  it("a second install is in force; the first stays in the history", async () => {
    const second = await installGoamlSchema(db.handle.db, {
      fileName: "fmu-goaml-5.0.1.xsd",
      bytes: new Uint8Array(BUILT_IN),
      actor: OTHER,
    });
    const history = await listGoamlSchemas(db.handle.db);
    expect(history.map((r) => [r.fileName, r.sha256, r.uploadedByEmail])).toEqual([
      ["fmu-goaml-5.0.1.xsd", sha256(BUILT_IN), "second@example.test"],
      ["fiu-custom-4x.xsd", sha256(CUSTOM), "compliance@example.test"],
    ]);
    expect((await getGoamlSchema(db.handle.db)).id).toBe(second.id);
    expect((await schemaAudit()).map((a) => a.checksum)).toEqual([sha256(BUILT_IN), sha256(CUSTOM)]);
  });

  const refusals: [string, Uint8Array, RegExp][] = [
    ["an empty file", new Uint8Array(0), /^The file is empty\.$/],
    [
      "bytes that are not UTF-8",
      new Uint8Array([0x3c, 0x78, 0xff, 0xfe, 0x3e]),
      /^The file is not UTF-8 text\.$/,
    ],
    [
      "XML that is not a schema",
      utf8('<?xml version="1.0"?><report><rentity_id>1</rentity_id></report>'),
      /^The file is not an XML Schema \(its root is not xs:schema\)\.$/,
    ],
    [
      "a schema with a target namespace",
      utf8(
        // The default namespace before xmlns:xs: xmlbuilder2 puts a prefixed root in the default
        // namespace when xmlns="…" comes after xmlns:xs, and xsd.ts then says "not an XML Schema".
        `<xs:schema xmlns="urn:fiu:goaml" ${XS} targetNamespace="urn:fiu:goaml"><xs:element name="report" type="xs:string"/></xs:schema>`,
      ),
      /^The schema has a target namespace \(urn:fiu:goaml\); goAML report elements are unqualified\./,
    ],
    [
      "a schema without a global <report>",
      utf8(`<xs:schema ${XS}><xs:element name="invoice" type="xs:string"/></xs:schema>`),
      /^The schema declares no global <report> element: it is not a goAML report schema\.$/,
    ],
    [
      "a schema that does not compile",
      utf8(`<xs:schema ${XS}><xs:element name="report" type="no_such_type"/></xs:schema>`),
      /^The schema does not compile: /,
    ],
  ];
  for (const [what, bytes, message] of refusals) {
    it(`refuses ${what} with its reason, storing nothing`, async () => {
      const before = await listGoamlSchemas(db.handle.db);
      const err = await installGoamlSchema(db.handle.db, { fileName: "fmu.xsd", bytes, actor: OFFICER }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("bad_request");
      expect((err as AppError).message).toMatch(message);
      expect(await listGoamlSchemas(db.handle.db)).toEqual(before);
      expect(await schemaAudit()).toHaveLength(2);
    });
  }
});

describe("saving the settings against the schema in force", () => {
  // Everything in the custom schema's lists except what each test sets.
  const underCustom: GoamlSettings = {
    ...DEFAULT_GOAML_SETTINGS,
    transmodeCode: "VAT",
    fundsCode: "CRPTC",
    accountTypeCode: "CRYWT",
    unknownCountryCode: "-",
    indicators: Object.fromEntries(
      TRANSFER_RULE_IDS.map((id) => [id, "PKVA01"]),
    ) as GoamlSettings["indicators"],
  };

  beforeAll(async () => {
    await installGoamlSchema(db.handle.db, {
      fileName: "fiu-custom-4x.xsd",
      bytes: new Uint8Array(CUSTOM),
      actor: OFFICER,
    });
  });

  it("names each stored placeholder the installed schema lacks", async () => {
    const { schema, issues } = await checkGoamlSettingsCodes(db.handle.db, DEFAULT_GOAML_SETTINGS);
    expect(schema.sha256).toBe(sha256(CUSTOM));
    expect(Object.keys(issues)).toEqual([
      "transmodeCode",
      "fundsCode",
      ...TRANSFER_RULE_IDS.map((id) => `indicators.${id}`),
    ]);
  });

  it('refuses transmode "VA" on its field and saves nothing; "VAT" is saved', async () => {
    const err = await saveCheckedGoamlSettings(db.handle.db, {
      settings: { ...underCustom, transmodeCode: "VA" },
      actor: OFFICER,
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FieldErrors);
    expect((err as FieldErrors).code).toBe("bad_request");
    expect((err as FieldErrors).message).toBe(
      "1 code is not in the installed FMU schema fiu-custom-4x.xsd (version 4.0.2-PK-test): choose from its lists in the fields marked.",
    );
    expect((err as FieldErrors).fieldErrors).toEqual({
      transmodeCode: [
        '"VA" is not in the transmode codes of the installed FMU schema fiu-custom-4x.xsd (version 4.0.2-PK-test): choose one of its 2 codes.',
      ],
    });
    expect((await getGoamlSettings(db.handle.db)).version).toBe(0);
    expect(await listAuditLog(db.handle.db, { action: "settings.goaml", limit: 5, offset: 0 })).toMatchObject(
      {
        total: 0,
      },
    );

    const saved = await saveCheckedGoamlSettings(db.handle.db, { settings: underCustom, actor: OFFICER });
    expect([saved.version, saved.settings.transmodeCode]).toEqual([1, "VAT"]);
    expect(await getGoamlSettings(db.handle.db)).toMatchObject({ version: 1, settings: underCustom });
  });
});
