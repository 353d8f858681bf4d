// The transactions view against the seeded demo: exact filtered counts from the simulator's plan,
// search, URL state, the CSV export (compliance only, audited) and bad input.
import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import { expect, test } from "@playwright/test";
import { COUNT_CAP } from "@/db/queries/transaction-counts";
import { signInAs } from "./fixtures/auth";
import { planTransfers } from "./fixtures/demo-corridors";
import { expectNoSeriousA11yViolations, screenshot, waitForSettledHistory } from "./fixtures/views";

const E18 = 10n ** 18n;
const CHAIN = 31337;

function expectedCount(pred: (t: ReturnType<typeof planTransfers>[number]) => boolean): number {
  return planTransfers().filter(pred).length;
}

test.describe("as an analyst", () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, "analyst");
    await waitForSettledHistory(page);
  });

  test("filters give exact row counts", async ({ page }) => {
    const mints = expectedCount((t) => t.chainId === CHAIN && t.kind === "mint");
    await page.goto(`/transactions?chain=${CHAIN}&kind=mint`);
    await expect(page.getByTestId("transactions-total")).toHaveAttribute("data-count", String(mints));

    // An amount range is counted from the rows, exactly up to COUNT_CAP matches; past it the
    // view says "more than" COUNT_CAP and gives no total (db/queries/transaction-counts.ts).
    const [min, max] = [1_000n * E18, 5_000n * E18];
    const ranged = expectedCount((t) => t.kind === "transfer" && t.amount >= min && t.amount <= max);
    expect(ranged).toBeGreaterThan(COUNT_CAP);
    await page.goto(`/transactions?kind=transfer&min=1000&max=5000`);
    const total = page.getByTestId("transactions-total");
    await expect(total).toHaveAttribute("data-count", String(COUNT_CAP));
    await expect(total).toHaveAttribute("data-exact", "false");
    await expect(total).toContainText(`More than ${COUNT_CAP.toLocaleString("en-US")} transfers match`);
    await expect(page.getByLabel("Min amount (USD1)")).toHaveValue("1000");

    // A range under the cap, typed into the form, lands in the URL and gives the exact count: the
    // largest transfers down to the 500th's whole USD1.
    const amounts = planTransfers()
      .filter((t) => t.kind === "transfer")
      .map((t) => t.amount)
      .sort((a, b) => (a === b ? 0 : a > b ? -1 : 1));
    const floor = amounts[499]! / E18;
    const ceiling = amounts[0]! / E18 + 1n;
    const top = expectedCount(
      (t) => t.kind === "transfer" && t.amount >= floor * E18 && t.amount <= ceiling * E18,
    );
    expect(top).toBeGreaterThanOrEqual(500);
    expect(top).toBeLessThanOrEqual(COUNT_CAP);
    await page.goto(`/transactions?kind=transfer`);
    await page.getByLabel("Min amount (USD1)").fill(floor.toString());
    await page.getByLabel("Max amount (USD1)").fill(ceiling.toString());
    await page.getByRole("form", { name: "Amount range" }).getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(new RegExp(`min=${floor}&max=${ceiling}|max=${ceiling}&min=${floor}`));
    await expect(total).toHaveAttribute("data-count", String(top));
    await expect(total).toHaveAttribute("data-exact", "true");
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, "transactions-filtered");
  });

  test("search by address and by transaction hash", async ({ page }) => {
    const all = planTransfers();
    const sample = all.find((t) => t.kind === "transfer" && t.chainId === CHAIN);
    if (!sample) throw new Error("no transfer in the plan");
    const touching = all.filter((t) => t.from === sample.to || t.to === sample.to).length;
    await page.goto("/transactions");
    await page.getByLabel("Transaction hash or address").fill(sample.to.toUpperCase().replace("0X", "0x"));
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(new RegExp(`q=${sample.to}`, "i"));
    await expect(page.getByTestId("transactions-total")).toHaveAttribute("data-count", String(touching));

    // A hash from the table finds its own row.
    const hash = await page
      .locator("[data-testid=transactions-table] tbody tr")
      .first()
      .locator("span[title^='0x']")
      .first()
      .getAttribute("title");
    const txHash = hash?.split(" ")[0] ?? "";
    expect(txHash).toMatch(/^0x[0-9a-f]{64}$/);
    await page.goto(`/transactions?q=${txHash}`);
    const count = Number(await page.getByTestId("transactions-total").getAttribute("data-count"));
    expect(count).toBeGreaterThanOrEqual(1);
    await expect(page.locator("[data-testid=transactions-table] tbody tr")).toHaveCount(count);
  });

  test("table state round-trips through the URL", async ({ page }) => {
    await page.goto("/transactions");
    const table = page.getByTestId("transactions-table");
    await table.getByRole("combobox", { name: "Kind" }).selectOption("burn");
    await expect(page).toHaveURL(/kind=burn/);
    await table.getByLabel("Rows per page").selectOption("10");
    await expect(page).toHaveURL(/size=10/);
    await table.getByRole("button", { name: /Amount \(USD1\)/ }).click();
    await expect(page).toHaveURL(/sort=amount\.(asc|desc)/);
    await page.getByRole("button", { name: "Compact rows" }).click();
    await expect(page).toHaveURL(/density=compact/);
    const url = page.url();
    await page.reload();
    expect(page.url()).toBe(url);
    await expect(table.getByRole("combobox", { name: "Kind" })).toHaveValue("burn");
    await expect(table.getByLabel("Rows per page")).toHaveValue("10");
    await expect(page.getByRole("button", { name: "Compact rows" })).toHaveAttribute("aria-pressed", "true");
    const burns = expectedCount((t) => t.kind === "burn");
    await expect(page.getByTestId("transactions-total")).toHaveAttribute("data-count", String(burns));
    await expect(table.locator("tbody tr")).toHaveCount(Math.min(10, burns));
  });

  test("pages by keyset: Next, Previous and First", async ({ page }) => {
    const transfers = expectedCount((t) => t.kind === "transfer");
    expect(transfers).toBeGreaterThan(20);
    await page.goto("/transactions?kind=transfer&size=10");
    const table = page.getByTestId("transactions-table");
    const cells = table.locator("tbody tr th");
    await expect(cells).toHaveCount(10);
    const first = await cells.allTextContents();
    await expect(table.getByRole("button", { name: "First" })).toBeDisabled();
    await expect(table.getByRole("button", { name: "Previous" })).toBeDisabled();
    // Next: the ten rows after the last one shown (the URL holds its cursor).
    await table.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/after=/);
    await expect(cells.first()).not.toHaveText(first[0]!);
    await expect(cells).toHaveCount(10);
    const second = await cells.allTextContents();
    expect(second.filter((r) => first.includes(r))).toEqual([]);
    await expect(page.getByTestId("transactions-total")).toHaveAttribute("data-count", String(transfers));
    // Previous: the same first page again, read backwards from the first row shown.
    await table.getByRole("button", { name: "Previous" }).click();
    await expect(page).toHaveURL(/before=/);
    await expect(cells.first()).toHaveText(first[0]!);
    expect(await cells.allTextContents()).toEqual(first);
    await expect(table.getByRole("button", { name: "Previous" })).toBeDisabled();
    // First, from the second page: no cursor left, the filters kept.
    await table.getByRole("button", { name: "Next" }).click();
    await expect(cells.first()).toHaveText(second[0]!);
    await table.getByRole("button", { name: "First" }).click();
    await expect(cells.first()).toHaveText(first[0]!);
    await expect(page).not.toHaveURL(/after=|before=/);
    await expect(page).toHaveURL(/kind=transfer/);
  });

  test("analysts get no export links, and the export refuses them", async ({ page }) => {
    await page.goto("/transactions?kind=mint");
    await expect(page.getByTestId("transactions-total")).toBeVisible();
    await expect(page.getByTestId("transactions-export-csv")).toHaveCount(0);
    await expect(page.getByTestId("transactions-export-xlsx")).toHaveCount(0);
    const res = await page.request.get("/api/exports/transactions?kind=mint");
    expect(res.status()).toBe(403);
  });

  test("bad input in the URL gives a clear message, never a 500", async ({ page }) => {
    const cases: [string, RegExp][] = [
      ["chain=999999", /Unknown chain 999999/],
      ["from=2026-06-20&to=2026-06-01", /reversed/],
      ["size=100000", /size must be one of/],
      ["page=0", /page must be/],
      ["kind=transfer'; drop table transfers; --", /kind must be one of/],
      ["q=1' or '1'='1", /search may contain only|transaction hash/],
      ["min=abc", /USD1 amount/],
      ["min=10&max=1", /amount range is reversed/],
      ["entity=999999", /Unknown entity/],
      ["origin=AE&kind=mint", /plain transfers only/],
      ["after=page-7", /not a page link/],
    ];
    for (const [query, message] of cases) {
      const res = await page.goto(`/transactions?${query}`);
      expect(res?.status(), query).toBe(200);
      await expect(page.getByTestId("view-params-error"), query).toContainText(message);
    }
  });
});

test("a compliance officer downloads the filtered CSV, and the download is audited", async ({
  page,
  browser,
}) => {
  await signInAs(page, "compliance");
  await waitForSettledHistory(page);
  const mints = planTransfers().filter((t) => t.chainId === CHAIN && t.kind === "mint");
  await page.goto(`/transactions?chain=${CHAIN}&kind=mint&size=10`);
  const link = page.getByTestId("transactions-export-csv");
  await expect(link).toHaveAttribute("href", `/api/exports/transactions?chain=${CHAIN}&kind=mint&format=csv`);
  const res = await page.request.get((await link.getAttribute("href")) ?? "");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  const body = await res.body();
  const records = parse(body, { columns: true, bom: true }) as Record<string, string>[];
  expect(records).toHaveLength(mints.length);
  // Every row names its export (the id in the x-export-id header and the file name).
  expect(new Set(records.map((r) => r.export_id))).toEqual(new Set([res.headers()["x-export-id"]]));
  const sum = records.reduce((s, r) => s + BigInt(r.amount_wei ?? "0"), 0n);
  expect(sum).toBe(mints.reduce((s, t) => s + t.amount, 0n));
  // Exact decimals, trailing zeros dropped: "1500", "1234.500000000000000123".
  expect(records[0]?.amount_usd1).toMatch(/^\d+(\.\d{0,17}[1-9])?$/);
  const sha = createHash("sha256").update(body).digest("hex");

  // The audit log (admins read it) has the download with its row count and checksum.
  const admin = await browser.newPage();
  await signInAs(admin, "admin");
  await admin.goto("/admin/audit?action=export.create");
  await expect(admin.getByText(sha.slice(0, 12), { exact: false }).first()).toBeVisible();
  await admin.close();
});
