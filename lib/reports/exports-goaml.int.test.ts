// The goAML case file: a schema-valid XML report built from a case's alerts and evidence.
import fs from "node:fs";
import { validateXML } from "xmllint-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { sha256Hex } from "./checksum";
import { newExportId } from "./export-id";
import { goamlExportBody } from "./goaml/export";
import { DEFAULT_GOAML_SETTINGS } from "./goaml/settings";
import { audited, record } from "./testing/audited-export";
import { A, seedExportFixture, W, type ExportFixture } from "./testing/export-fixture";

let handle: DbHandle;
let database: TestDatabase;
let fixture: ExportFixture;

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_test_exports_goaml"));
  fixture = await seedExportFixture(handle.db);
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

describe("goAML case file", () => {
  it("builds a valid report from the case's alerts and evidence, audited like any export", async () => {
    const rec = record("goaml", "xml", { alertIds: fixture.alertIds });
    const body = await goamlExportBody(handle.db, {
      exportId: rec.exportId,
      params: { alertIds: fixture.alertIds, reason: "Pass-through of structured deposits to a PK bank." },
      settings: DEFAULT_GOAML_SETTINGS,
      submissionDate: new Date("2025-04-01T08:30:00Z"),
    });
    const { bytes, outcome, audit } = await audited(handle.db, rec, body);
    expect(outcome.rowCount).toBe(2);
    expect(audit[0]?.checksum).toBe(sha256Hex(bytes));
    const xml = bytes.toString("utf8");
    const xsd = fs.readFileSync(new URL("./goaml/goaml-subset.xsd", import.meta.url), "utf8");
    const result = await validateXML({
      xml: [{ fileName: "r.xml", contents: xml }],
      schema: [{ fileName: "s.xsd", contents: xsd }],
    });
    expect(result.errors).toEqual([]);
    expect(xml).toContain(`<entity_reference>${rec.exportId}</entity_reference>`);
    expect([...xml.matchAll(/<account>(0x[0-9a-f]+)<\/account>/g)].map((m) => m[1])).toEqual([
      W.gulf,
      W.customer,
      W.customer,
      W.pkBank,
    ]);
    expect(xml).toContain("<indicator>VA-STRUCTURING</indicator>");
    expect(xml).toContain("<indicator>VA-PASS-THROUGH</indicator>");
    expect(xml).toContain("<to_country>PK</to_country>");
  });

  it("refuses unknown alerts", async () => {
    await expect(
      goamlExportBody(handle.db, {
        exportId: newExportId(),
        params: { alertIds: [987_654], reason: "x" },
        settings: DEFAULT_GOAML_SETTINGS,
        submissionDate: new Date(),
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(A(1)).toMatch(/^0x0{39}1$/);
  });
});
