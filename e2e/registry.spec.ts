// The entity registry against the running demo. Edits here change the shared e2e database, so they
// are confined: new entities with run-unique names and fresh random addresses that never transact
// (attributing them moves no corridor, so no other spec's exact figures change).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInAs, sameOrigin } from "./fixtures/auth";

const RUN = Date.now().toString(36);
const HEADER = "chain_id,address,entity_name,kind,country,licence_status,tags";
const freshAddress = () => `0x${randomBytes(20).toString("hex")}`;
/** A real checksummed address with one letter's case flipped: the checksum no longer holds. */
const BAD_CHECKSUM = "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045".replace("dA6", "Da6");

async function expectNoSeriousA11yViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
  ).toEqual([]);
}

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

/** "12 entities; 80 addresses registered, 78 attributed to an entity." */
async function registrySummary(page: Page): Promise<string> {
  await page.goto("/registry");
  const summary = page.locator("#entities").getByText(/entit(y|ies); .* registered/);
  await expect(summary).toBeVisible();
  return (await summary.textContent()) ?? "";
}

async function uploadCsv(page: Page, name: string, lines: string[]) {
  const form = page.getByRole("form", { name: "Import entities and addresses" });
  await form.getByLabel("CSV file").setInputFiles({
    name,
    mimeType: "text/csv",
    buffer: Buffer.from([HEADER, ...lines].join("\n")),
  });
  await form.getByRole("button", { name: "Import" }).click();
}

test.describe("as an admin", () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, "admin");
  });

  test("creates an entity and attributes an address to it", async ({ page }) => {
    const name = `E2E Remit ${RUN}`;
    const address = freshAddress();
    await page.goto("/registry");
    await expect(page.getByRole("heading", { level: 1, name: "Entity registry" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    const create = page.getByRole("form", { name: "Add an entity" });
    await create.getByLabel("Name").fill(name);
    await create.getByLabel("Kind").selectOption("remittance_provider");
    await create.getByLabel("Country").selectOption("AE");
    await create.getByLabel("Licence status").selectOption("pending");
    await create.getByRole("button", { name: "Add entity" }).click();
    await expect(page.getByTestId("create-entity-outcome")).toHaveText(
      `Created ${name}. Open it to add addresses.`,
    );
    // Names are unique: the same name again is refused with a message.
    await create.getByLabel("Name").fill(name);
    await create.getByRole("button", { name: "Add entity" }).click();
    await expect(page.getByTestId("create-entity-outcome")).toHaveText(
      `An entity named "${name}" already exists.`,
    );

    await page.goto(`/registry?q=${encodeURIComponent(name)}`);
    await page.getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByTestId("entity-licence")).toHaveText("Pending");
    await expect(page.getByTestId("entity-no-addresses")).toBeVisible();

    const edit = page.getByRole("form", { name: "Edit the entity" });
    await edit.getByLabel("Licence status").selectOption("licensed");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByTestId("edit-entity-outcome")).toHaveText(`Saved ${name}.`);
    await expect(page.getByTestId("entity-licence")).toHaveText("Licensed");

    const form = page.getByRole("form", { name: "Add or move an address" });
    await form.getByLabel("Chain").selectOption("31337");
    // A mistyped checksum is refused with a clear message, and nothing is saved.
    await form.getByLabel("Address").fill(BAD_CHECKSUM);
    await form.getByRole("button", { name: "Save address" }).click();
    await expect(page.getByTestId("address-outcome")).toContainText("EIP-55 checksum");
    await form.getByLabel("Address").fill(address);
    await form.getByLabel("Label (optional)").fill("Dubai hot wallet");
    await form.getByLabel("Hot wallet").check();
    await form.getByRole("button", { name: "Save address" }).click();
    await expect(page.getByTestId("address-outcome")).toHaveText(`Added ${address} on chain 31337.`);
    const row = page.getByTestId(`address-row-31337-${address}`);
    await expect(row).toContainText("Dubai hot wallet");
    await expect(row).toContainText("Hot wallet");
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, "registry-entity");
  });

  test("a CSV with bad rows is rejected with every row error, and nothing changes", async ({ page }) => {
    const before = await registrySummary(page);
    const good = `E2E Bad File Ltd ${RUN}`;
    const dup = freshAddress();
    await uploadCsv(page, "bad-registry.csv", [
      `31337,${freshAddress()},${good},exchange,PK,licensed,customer`,
      `31337,${BAD_CHECKSUM},${good},exchange,PK,licensed,`,
      `31337,${freshAddress()},${good},exchange,UK,licensed,`,
      `31338,${dup},${good},exchange,PK,licensed,vip`,
      `31338,${dup},${good},exchange,PK,licensed,`,
    ]);
    const outcome = page.getByTestId("import-outcome");
    await expect(outcome.getByRole("heading", { name: "Nothing was imported" })).toBeVisible();
    await expect(outcome).toContainText("Nothing was imported: 4 errors in 4 rows of bad-registry.csv.");
    const rows = page.getByTestId("import-errors").locator("tbody tr");
    await expect(rows).toHaveCount(4);
    await expect(rows.nth(0)).toContainText(/^3address.*EIP-55 checksum/);
    await expect(rows.nth(1)).toContainText('4countryUnknown country code "UK"');
    await expect(rows.nth(2)).toContainText('5tagsUnknown tag "vip"');
    await expect(rows.nth(3)).toContainText(
      `6addressDuplicate: chain 31338 address ${dup} is already on row 5.`,
    );
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, "registry-import-rejected");

    // Not even the good row was applied.
    expect(await registrySummary(page)).toBe(before);
    await page.goto(`/registry?q=${encodeURIComponent(good)}`);
    await expect(page.getByTestId("entities-table")).toContainText("No entity matches these filters");
  });

  test("a good CSV is applied in full", async ({ page }) => {
    const bank = `E2E Bank ${RUN}`;
    const wallet = `E2E Wallet ${RUN}`;
    await page.goto("/registry");
    await uploadCsv(page, "good-registry.csv", [
      `31337,${freshAddress()},${bank},bank,PK,licensed,customer`,
      `31338,${freshAddress()},${bank},bank,PK,licensed,hot_wallet|customer`,
      `31338,${freshAddress()},${wallet},wallet_provider,GB,unlicensed,`,
    ]);
    await expect(page.getByTestId("import-outcome")).toContainText(
      "Imported 3 rows from good-registry.csv: 2 entities created, 0 updated; 3 addresses created, 0 updated.",
    );
    await screenshot(page, "registry-import-applied");
    await page.goto(`/registry?q=${encodeURIComponent(`E2E Bank ${RUN}`)}`);
    const table = page.getByTestId("entities-table");
    await expect(table.getByRole("rowheader", { name: bank })).toBeVisible();
    await expect(table.locator("tbody tr")).toHaveCount(1);
    // Two addresses (one per chain) attributed to the bank.
    await expect(table.locator("tbody tr td").last()).toHaveText("2");
    // Filters come from the URL and are validated there.
    await page.goto(`/registry?country=GB&licence=unlicensed&q=${encodeURIComponent(wallet)}`);
    await expect(table.getByRole("rowheader", { name: wallet })).toBeVisible();
  });
});

test.describe("as an analyst", () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, "analyst");
  });

  test("sees the registry without edit controls, and the server refuses the edit", async ({
    page,
    baseURL,
  }) => {
    await page.goto("/registry");
    await expect(page.getByRole("heading", { level: 1, name: "Entity registry" })).toBeVisible();
    await expect(page.getByTestId("entities-table")).toBeVisible();
    await expect(page.getByRole("form", { name: "Add an entity" })).toHaveCount(0);
    await expect(page.getByRole("form", { name: "Import entities and addresses" })).toHaveCount(0);
    await page.goto("/registry/1");
    await expect(page.getByRole("heading", { name: "Details" })).toBeVisible();
    await expect(page.getByRole("form", { name: "Edit the entity" })).toHaveCount(0);
    await expect(page.getByRole("form", { name: "Add or move an address" })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);

    // The hidden control's action, called directly with the analyst's session: refused.
    const name = `E2E Analyst Attempt ${RUN}`;
    const action = actionId("create-entity");
    const res = await page.request.post("/registry", {
      headers: {
        "next-action": action,
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
        ...sameOrigin(baseURL),
      },
      data: JSON.stringify(["$undefined", { name, kind: "bank", country: "PK", licenceStatus: "licensed" }]),
    });
    expect(res.status()).toBe(200);
    expect(await res.text()).toContain('"code":"forbidden"');
    await page.goto(`/registry?q=${encodeURIComponent(name)}`);
    await expect(page.getByTestId("entities-table")).toContainText("No entity matches these filters");
  });

  test("bad input in the URL gives a clear message, not an error page", async ({ page }) => {
    const res = await page.goto("/registry?kind=broker&country=UK&sort=secret.asc");
    expect(res?.status()).toBe(200);
    const alert = page.getByTestId("view-params-error");
    await expect(alert).toContainText('Unknown kind "broker"');
    await expect(alert).toContainText('Unknown country code "UK"');
    await expect(alert).toContainText('Cannot sort by "secret"');
    await page.goto("/registry/not-a-number");
    await expect(page.getByTestId("entity-not-found")).toContainText("No such entity");
    await page.goto("/registry/999999999");
    await expect(page.getByTestId("entity-not-found")).toBeVisible();
  });
});

/** A server action's id in the build the demo serves (the access matrix reads it the same way). */
function actionId(name: string): string {
  const file = path.resolve(".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as {
    node: Record<string, { filename?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, e]) => e.filename === `lib/actions/${name}.ts`);
  if (!found) throw new Error(`${name} is not in the build`);
  return found[0];
}
