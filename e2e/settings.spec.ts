// Rule settings (admin) and goAML settings (compliance officer) against the running demo. Both
// change the shared e2e database, so each test puts back what it found:
// - R6's single threshold goes from USD 10,000 to 9,999.999999. Demo amounts are whole cents, so
//   no transfer sits between the two and no alert could differ even if one were evaluated
//   meanwhile; the original text is restored at the end (R6's version ends 2 higher).
// - the goAML reporting entity id and R1 indicator are restored to what they were (the
//   placeholders on a fresh demo, then at version 2), so exports keep producing the same XML.
//   A stored code the schema in force lacks (on a fresh demo, the placeholder "-" for an unknown
//   country, which the built-in schema's ISO list has not) cannot be saved again: it is replaced
//   by the list's first code, and R1 stays at the code it was changed to if its own was such.
// - a refused schema upload installs nothing, so the schema in force is unchanged.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { signInAs } from "./fixtures/auth";
import { expectNoSeriousA11yViolations, screenshot } from "./fixtures/views";

const SINGLE = "Single transfer threshold (USD1)";

async function versionOf(locator: Locator): Promise<number> {
  const text = (await locator.textContent()) ?? "";
  const n = Number(text.replace(/^v/, "").trim());
  if (!Number.isInteger(n)) throw new Error(`not a version: ${text}`);
  return n;
}

function r6Form(page: Page) {
  return page.getByRole("form", { name: "R6 High value settings" });
}

async function saveR6Single(page: Page, text: string) {
  const form = r6Form(page);
  await form.getByLabel(SINGLE).fill(text);
  await form.getByRole("button", { name: "Save R6" }).click();
}

async function expect403(page: Page, path: string) {
  const res = await page.goto(path);
  expect(res?.status()).toBe(403);
  await expect(
    page.getByRole("heading", { level: 1, name: "You do not have access to this page" }),
  ).toBeVisible();
}

test.describe("rule settings", () => {
  test("shows each behavioural rule's business exemption with the alerts it suppressed in 30 days", async ({
    page,
  }) => {
    await signInAs(page, "admin");
    await page.goto("/admin/rules");
    for (const id of ["R2", "R3", "R4", "R5", "R6", "R7", "R12"]) {
      await expect(page.getByTestId(`rule-exempt-kinds-${id}`)).toContainText("Exchange");
      await expect(page.getByTestId(`rule-exempt-tags-${id}`)).toContainText("Treasury");
      await expect(page.getByTestId(`rule-suppressed-${id}`)).toHaveText(/^\d{1,3}(,\d{3})* alerts?$/);
    }
    // Rules without a business exemption show none.
    for (const id of ["R1", "R8", "R9", "R10", "R11"])
      await expect(page.getByTestId(`rule-exemption-${id}`)).toHaveCount(0);
  });

  test("admin changes R6's threshold: one version up, persisted, audited; bad values change nothing", async ({
    page,
  }) => {
    await signInAs(page, "admin");
    await page.goto("/admin/rules");
    await expect(page.getByRole("heading", { level: 1, name: "Rule settings" })).toBeVisible();
    await expect(page.locator("section[id^='rule-R']")).toHaveCount(14);
    await expect(page.getByTestId("rules-rebuild-note")).toContainText(
      "npm run monitor -- --rebuild --rule R6",
    );
    const version = page.getByTestId("rule-version-R6");
    const before = await versionOf(version);
    const single = r6Form(page).getByLabel(SINGLE);
    const original = await single.inputValue();
    const originalWei = ((await page.getByTestId("rule-wei-R6-singleWei").textContent()) ?? "").match(
      /\d+/,
    )?.[0];
    expect(originalWei).toBeDefined();
    await expectNoSeriousA11yViolations(page);

    try {
      // Each refusal is explained on the field; the version and the stored value stay put.
      const refusals: [string, string][] = [
        ["-10000", "The amount cannot be negative."],
        ["ten thousand", "Enter an amount in USD1 using digits, e.g. 10000 or 10000.50."],
        ["9999.9999991", "Use at most 6 decimal places."],
      ];
      for (const [text, message] of refusals) {
        await saveR6Single(page, text);
        await expect(page.getByTestId("rule-outcome-R6")).toHaveText(message);
        await expect(single).toHaveAttribute("aria-invalid", "true");
        await expect(r6Form(page).getByText(message, { exact: true }).first()).toBeVisible();
      }
      await page.reload();
      await expect(version).toHaveText(`v${before}`);
      await expect(single).toHaveValue(original);

      await saveR6Single(page, "9,999.999999");
      await expect(page.getByTestId("rule-outcome-R6")).toHaveText(`Saved R6: now version ${before + 1}.`);
      await expect(version).toHaveText(`v${before + 1}`);
      await expect(page.getByTestId("rule-wei-R6-singleWei")).toHaveText("saved: 9999999999000000000000 wei");
      await expect(page.getByTestId("rule-changed-R6")).toContainText("admin@demo.local");

      // Saving the same again is not a new version.
      await r6Form(page).getByRole("button", { name: "Save R6" }).click();
      await expect(page.getByTestId("rule-outcome-R6")).toHaveText(
        `Nothing changed: R6 stays at version ${before + 1}.`,
      );

      await page.reload();
      await expect(version).toHaveText(`v${before + 1}`);
      await expect(single).toHaveValue("9999.999999");
      await expect(page.getByTestId("rule-param-R6-singleWei")).toContainText("changed");
      await screenshot(page, "rule-settings");

      await page.goto("/admin/audit?action=rule.change&target=R6");
      const newest = page.getByTestId("audit-row").first();
      await expect(newest).toContainText("admin@demo.local");
      const params = JSON.parse((await newest.getByRole("cell").nth(4).textContent()) ?? "{}") as {
        fromVersion: number;
        toVersion: number;
        before: { params: { singleWei: string } };
        after: { params: { singleWei: string } };
      };
      expect([params.fromVersion, params.toVersion]).toEqual([before, before + 1]);
      expect([params.before.params.singleWei, params.after.params.singleWei]).toEqual([
        originalWei,
        "9999999999000000000000",
      ]);
    } finally {
      await page.goto("/admin/rules");
      if ((await single.inputValue()) !== original) {
        await saveR6Single(page, original);
        await expect(page.getByTestId("rule-outcome-R6")).toHaveText(/^Saved R6: now version \d+\.$/);
      }
    }
    await expect(version).toHaveText(`v${before + 2}`);
    await expect(page.getByTestId("rule-wei-R6-singleWei")).toHaveText(`saved: ${originalWei} wei`);
  });

  for (const who of ["analyst", "compliance"] as const) {
    test(`${who} gets the 403 page`, async ({ page }) => {
      await signInAs(page, who);
      await expect403(page, "/admin/rules");
    });
  }
});

const NOT_IN_SCHEMA = " (not in the schema)";

/** The form's selects whose stored code the schema in force lacks (shown first, marked). */
async function markedSelects(form: Locator): Promise<string[]> {
  return form
    .locator("select")
    .evaluateAll(
      (els, mark) =>
        (els as HTMLSelectElement[])
          .filter((s) => s.selectedOptions[0]?.textContent?.endsWith(mark))
          .map((s) => s.name),
      NOT_IN_SCHEMA,
    );
}

/** A select's codes in the schema's list (without a marked stored one or "— none —"). */
async function listCodes(select: Locator): Promise<string[]> {
  return select
    .locator("option")
    .evaluateAll(
      (os, mark) =>
        (os as HTMLOptionElement[])
          .filter((o) => o.value !== "" && !o.textContent?.endsWith(mark))
          .map((o) => o.value),
      NOT_IN_SCHEMA,
    );
}

/** The validation message beside a control (FormField gives it the control's id + "-error"). */
async function messageOf(page: Page, control: Locator): Promise<Locator> {
  return page.locator(`[id="${await control.getAttribute("id")}-error"]`);
}

test.describe("goAML settings", () => {
  test("compliance officer edits the reporting entity id and R1's indicator; they persist", async ({
    page,
  }) => {
    await signInAs(page, "compliance");
    await page.goto("/reports/goaml-settings");
    await expect(page.getByRole("heading", { level: 1, name: "goAML settings" })).toBeVisible();
    await expect(page.getByRole("link", { name: "← Reports" })).toHaveAttribute("href", "/reports");
    // Which schema judges the reports, and its checksum in full.
    await expect(page.getByTestId("goaml-schema-in-force")).toBeVisible();
    await expect(page.getByTestId("goaml-schema-sha256")).toHaveText(/^[0-9a-f]{64}$/);
    await expect(page.getByTestId("goaml-schema-version")).not.toBeEmpty();
    const version = page.getByTestId("goaml-version");
    const before = await versionOf(version);
    // Never saved on a fresh demo: the placeholders, and a warning saying so.
    if (before === 0) await expect(page.getByTestId("goaml-placeholder-warning")).toBeVisible();
    const form = page.getByRole("form", { name: "goAML settings" });
    const entityId = form.getByLabel("Reporting entity id");
    const branch = form.getByLabel("Branch");
    const institution = form.getByLabel("Institution code for wallets");
    const r1 = form.getByLabel("R1 Sanctioned counterparty");
    // Codes are chosen from the schema's lists.
    await expect(r1).toHaveJSProperty("tagName", "SELECT");
    await expect(form.getByLabel("Transmode code")).toHaveJSProperty("tagName", "SELECT");
    await expect(form.getByLabel("Account type for wallets").locator(`option[value=""]`)).toHaveText(
      "— none —",
    );
    const original = {
      entityId: await entityId.inputValue(),
      r1: await r1.inputValue(),
      branch: await branch.inputValue(),
      institution: await institution.inputValue(),
    };
    const r1Codes = await listCodes(r1);
    const r1Target = r1Codes.find((c) => c !== original.r1);
    expect(r1Target).toBeDefined();
    await expectNoSeriousA11yViolations(page);

    const save = () => form.getByRole("button", { name: "Save goAML settings" }).click();
    const outcome = page.getByTestId("goaml-settings-outcome");
    try {
      // A stored code the schema lacks is shown marked, with its reason, and cannot be saved.
      const marked = await markedSelects(form);
      if (marked.length > 0) {
        await expect(page.getByTestId("goaml-code-issues")).toBeVisible();
        await save();
        await expect(outcome).toHaveText(/ not in the .*: choose from its lists in the fields marked\.$/);
        for (const name of marked) {
          const select = form.locator(`select[name="${name}"]`);
          await expect(select).toHaveAttribute("aria-invalid", "true");
          await expect(await messageOf(page, select)).toHaveText(
            /^".*" is not in the .* of the .*: choose one of its \d+ codes\.$/,
          );
          await select.selectOption({ index: 1 });
        }
        await expect(version).toHaveText(String(before));
      }

      await entityId.fill("abc");
      await save();
      await expect(
        form.getByText("Enter the positive whole number your FIU assigned.").first(),
      ).toBeVisible();
      await expect(version).toHaveText(String(before));

      // goAML requires a branch and an institution code on every report.
      await entityId.fill(original.entityId);
      await branch.fill(" ");
      await institution.fill("");
      await save();
      await expect(branch).toHaveAttribute("aria-invalid", "true");
      await expect(institution).toHaveAttribute("aria-invalid", "true");
      await expect(await messageOf(page, branch)).toHaveText("Required.");
      await expect(await messageOf(page, institution)).toHaveText("Required.");
      await expect(version).toHaveText(String(before));
      await branch.fill(original.branch);
      await institution.fill(original.institution);

      await entityId.fill("4711");
      await r1.selectOption(r1Target ?? "");
      await save();
      await expect(outcome).toHaveText(`Saved the goAML settings: now version ${before + 1}.`);
      await expect(version).toHaveText(String(before + 1));
      await expect(page.getByTestId("goaml-placeholder-warning")).toHaveCount(0);
      await expect(page.getByTestId("goaml-code-issues")).toHaveCount(0);

      await page.reload();
      await expect(version).toHaveText(String(before + 1));
      await expect(page.getByTestId("goaml-editor")).toHaveText("compliance@demo.local");
      await expect(entityId).toHaveValue("4711");
      await expect(r1).toHaveValue(r1Target ?? "");
      expect(await markedSelects(form)).toEqual([]);
      await screenshot(page, "goaml-settings");
    } finally {
      await page.goto("/reports/goaml-settings");
      await entityId.fill(original.entityId);
      if (r1Codes.includes(original.r1)) await r1.selectOption(original.r1);
      for (const name of await markedSelects(form)) {
        await form.locator(`select[name="${name}"]`).selectOption({ index: 1 });
      }
      await save();
      await expect(outcome).toHaveText(/^Saved the goAML settings: now version \d+\.$/);
    }
    await expect(version).toHaveText(String(before + 2));
    await page.reload();
    await expect(entityId).toHaveValue(original.entityId);
    await expect(r1).toHaveValue(r1Codes.includes(original.r1) ? original.r1 : (r1Target ?? ""));
  });

  test("a file that is not a goAML schema is refused with the reason; the schema in force stays", async ({
    page,
  }) => {
    await signInAs(page, "compliance");
    await page.goto("/reports/goaml-settings");
    const sha = page.getByTestId("goaml-schema-sha256");
    const inForce = (await sha.textContent()) ?? "";
    const installs = await page.getByTestId("goaml-schema-history").count();
    const form = page.getByRole("form", { name: "Install the FMU's goAML schema" });
    const outcome = page.getByTestId("goaml-schema-outcome");

    await form.getByRole("button", { name: "Install schema" }).click();
    await expect(outcome).toHaveText("Choose the FMU's goAML schema (.xsd) file.");

    await form.getByLabel("FMU goAML schema (.xsd)").setInputFiles({
      name: "not-a-schema.xsd",
      mimeType: "application/xml",
      buffer: Buffer.from('<?xml version="1.0"?>\n<report><rentity_id>1</rentity_id></report>\n'),
    });
    await form.getByRole("button", { name: "Install schema" }).click();
    await expect(outcome).toHaveText("The file is not an XML Schema (its root is not xs:schema).");

    await page.reload();
    await expect(sha).toHaveText(inForce);
    await expect(page.getByTestId("goaml-schema-history")).toHaveCount(installs);
  });

  test("analyst gets the 403 page", async ({ page }) => {
    await signInAs(page, "analyst");
    await expect403(page, "/reports/goaml-settings");
  });
});
