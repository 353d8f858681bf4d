// goAML filing as the FMU would judge it (issue #14): a compliance officer installs the FMU's XSD
// (a stricter 4.x-style customisation), sees a code the schema lacks refused and fixes it; a second
// officer escalates a case and gets a marked draft at most (no fileable report, no filing: four
// eyes); the first officer files it and downloads a report that validates against the installed
// XSD; the download's audit row names the schema's SHA-256 and the validation result. At the end
// the built-in schema's file is installed again so later specs see its code lists.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { DRAFT_REASON_PREFIX } from "@/lib/reports/goaml/builder";
import { FOUR_EYES_MESSAGE } from "@/lib/monitoring/workflow";
import { signedInPages } from "./fixtures/auth";
import { caseEvidenceTxs, CUSTOM_SCHEMA_COUNTRIES, findOpenR9Case, goamlR9Case } from "./fixtures/demo-cases";
import { BUILT_IN_XSD_PATH, download, goamlSchemaErrors, sha256 } from "./fixtures/downloads";
import { fileableGoamlSettings } from "./fixtures/goaml";
import { expectNoSeriousA11yViolations, screenshot } from "./fixtures/views";

const CUSTOM_XSD_PATH = path.join(process.cwd(), "lib/reports/goaml/testing/fiu-custom-4x.xsd");
const CUSTOM_XSD = fs.readFileSync(CUSTOM_XSD_PATH);
const CUSTOM_SHA = sha256(CUSTOM_XSD);

const pageAs = signedInPages();

async function install(page: Page, file: string): Promise<void> {
  await page.goto("/reports/goaml-settings");
  await page.getByLabel("FMU goAML schema (.xsd)").setInputFiles(file);
  await page.getByRole("button", { name: "Install schema" }).click();
  await expect(page.getByTestId("goaml-schema-sha256")).toHaveText(sha256(fs.readFileSync(file)));
}

/**
 * An open R9 standing case (transfers as evidence) whose every transfer's countries the custom
 * schema lists (goamlR9Case; e2e/alert-workflow.spec.ts takes other entities' cases).
 */
async function openR9Alert(page: Page): Promise<number> {
  const c = goamlR9Case();
  if (!c) throw new Error("no R9 standing case of the e2e demo stays within the custom schema's countries");
  return findOpenR9Case(page.request, c);
}

async function decide(page: Page, move: string, reason: string) {
  await page.getByLabel("Reason", { exact: true }).fill(reason);
  await page.getByRole("button", { name: move, exact: true }).click();
}

test("the FMU's schema decides; a case is filed by a second officer and its report validates", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const officer = await pageAs(browser, baseURL, "compliance");

  // 1. Install the FMU's schema: recorded with its SHA-256 and version, the form offers its codes.
  await install(officer, CUSTOM_XSD_PATH);
  await expect(officer.getByTestId("goaml-schema-version")).toHaveText("4.0.2-PK-test");
  await expect(officer.getByTestId("goaml-schema-history").first()).toHaveAttribute(
    "data-sha256",
    CUSTOM_SHA,
  );
  const form = officer.getByRole("form", { name: "goAML settings" });
  const transmode = form.getByLabel("Transmode code");
  const codesOf = (select: typeof transmode) =>
    select.locator("option").evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
  expect(await codesOf(form.getByLabel("Country of an unattributed wallet"))).toEqual(
    expect.arrayContaining(["-", ...CUSTOM_SCHEMA_COUNTRIES]),
  );

  // 2. A code the schema lacks is refused on its field, and nothing is saved.
  await transmode.selectOption("VA");
  await form.getByRole("button", { name: "Save goAML settings" }).click();
  await expect(
    form.getByText(/"VA" is not in the transmode codes of the installed FMU schema fiu-custom-4x\.xsd/),
  ).toBeVisible();
  await expect(officer.getByTestId("goaml-settings-outcome")).not.toHaveText(/^Saved/);
  await fileableGoamlSettings(officer);
  await officer.reload();
  await expect(transmode).toHaveValue("VAT");
  await expectNoSeriousA11yViolations(officer);
  await screenshot(officer, "goaml-settings-installed-schema");

  // 3. A second officer escalates a case: a draft at most, and no filing of his own escalation.
  const second = await pageAs(browser, baseURL, "compliance2");
  const id = await openR9Alert(second);
  await second.goto(`/alerts/${id}`);
  const reason = `E2E goAML: weekly transfers to an unlicensed remitter (alert ${id}).`;
  await decide(second, "Escalate", reason);
  await expect(second.getByTestId("alert-status")).toHaveText("Escalated");
  await expect(second.getByTestId("goaml-judge")).toContainText(
    "the installed FMU schema fiu-custom-4x.xsd (version 4.0.2-PK-test)",
  );
  await expect(second.getByTestId("goaml-judge-sha256")).toHaveText(CUSTOM_SHA);
  const draftLink = second.getByTestId("alert-goaml-export");
  await expect(draftLink).toHaveAttribute("data-mode", "draft");
  const draft = await download(second.request, (await draftLink.getAttribute("href")) ?? "");
  expect(draft.fileName).toMatch(/^usd1-goaml-draft-/);
  const draftXml = draft.body.toString("utf8");
  expect(draftXml).toContain("<!-- DRAFT - NOT FOR FILING:");
  expect(draftXml).toContain(`<entity_reference>${draft.exportId}-DRAFT</entity_reference>`);
  expect(draftXml).toContain(`<reason>${DRAFT_REASON_PREFIX}\n\n${reason}</reason>`);
  const fileable = await second.request.get(`/api/exports/goaml?alert=${id}&mode=file`);
  expect(fileable.status()).toBe(409);
  expect(await fileable.text()).toContain(
    "The case is escalated, not filed: only a draft can be downloaded.",
  );
  await decide(second, "File STR", "Filing my own escalation.");
  await expect(second.getByTestId("alert-workflow-outcome")).toHaveText(FOUR_EYES_MESSAGE);
  await expect(second.getByTestId("alert-status")).toHaveText("Escalated");

  // 4. The first officer files it; the report validates against the installed XSD.
  await officer.goto(`/alerts/${id}`);
  await decide(officer, "File STR", `STR filed with the FMU, reference FMU-E2E-GOAML-${id}.`);
  await expect(officer.getByTestId("alert-status")).toHaveText("Reported");
  const link = officer.getByTestId("alert-goaml-export");
  await expect(link).toHaveAttribute("data-mode", "file");
  await screenshot(officer, "alert-case-goaml-filed");
  const txs = await caseEvidenceTxs(officer);
  const file = await download(officer.request, (await link.getAttribute("href")) ?? "");
  expect(file.fileName).toMatch(/^usd1-goaml-\d/);
  const xml = file.body.toString("utf8");
  expect(await goamlSchemaErrors(xml, CUSTOM_XSD.toString("utf8"))).toEqual([]);
  expect(xml).not.toContain("DRAFT");
  expect(xml).not.toContain("xmlns");
  expect(xml).toContain(`<entity_reference>${file.exportId}</entity_reference>`);
  expect(xml).toContain(`<reason>${reason}</reason>`);
  expect(xml).toContain("<transmode_code>VAT</transmode_code>");
  const numbers = [...xml.matchAll(/<transactionnumber>([^<]+)<\/transactionnumber>/g)].map((m) => m[1]!);
  expect(numbers).toHaveLength(txs.length);
  expect(new Set(numbers).size).toBe(numbers.length);
  for (const n of numbers) expect(n.length).toBeLessThanOrEqual(50);
  for (const tx of txs) expect(xml).toContain(`transaction hash ${tx}`);

  // 5. The download's audit row names the schema that judged it and the result.
  const admin = await pageAs(browser, baseURL, "admin");
  await admin.goto(`/admin/audit?action=export.create&target=${file.exportId}`);
  const row = admin.getByTestId("audit-row").filter({ hasText: file.exportId });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`"sha256":"${CUSTOM_SHA}"`);
  await expect(row).toContainText(`"validation":{"valid":true,"errors":0}`);

  // The built-in schema's file again, so later specs see its code lists.
  await install(officer, BUILT_IN_XSD_PATH);
  await expect(officer.getByTestId("goaml-schema-history").first()).toHaveAttribute(
    "data-sha256",
    sha256(fs.readFileSync(BUILT_IN_XSD_PATH)),
  );
  await fileableGoamlSettings(officer);
});
