// The corridors view against the seeded demo: exact cells from the simulator's plan, the
// drill-down to the very transfers behind a cell, URL state, bad input and accessibility.
import { expect, test } from "@playwright/test";
import { corridorTransactionsHref } from "@/lib/corridors/drill-down";
import { formatUsd1 } from "@/lib/format";
import { signInAs } from "./fixtures/auth";
import {
  expectedCorridor,
  expectedCorridors,
  expectedCorridorTotals,
  settledDays,
} from "./fixtures/demo-corridors";
import { expectNoSeriousA11yViolations, screenshot, waitForSettledHistory } from "./fixtures/views";

const { fromDay, toDay } = settledDays();
const RANGE = `from=${fromDay}&to=${toDay}`;

test.beforeEach(async ({ page }) => {
  await signInAs(page, "analyst");
});

test("the matrix shows exact adjusted volume per corridor, unattributed included", async ({ page }) => {
  await waitForSettledHistory(page);
  await expect(page.getByRole("heading", { level: 1, name: "Corridors" })).toBeVisible();
  for (const [o, d] of [
    ["AE", "PK"],
    ["GB", "PK"],
    ["ZZ", "PK"],
    ["PK", "ZZ"],
    ["AE", "ZZ"],
  ] as const) {
    const want = expectedCorridor(o, d, fromDay, toDay);
    const cell = page.getByTestId(`corridor-cell-${o}-${d}`);
    await expect(cell, `${o}→${d}`).toHaveAttribute("data-wei", want.adjustedVolume.toString());
    await expect(cell, `${o}→${d}`).toHaveAttribute("data-count", String(want.adjustedCount));
    await expect(cell).toContainText(formatUsd1(want.adjustedVolume, { decimals: 0, unit: false }));
  }
  // Unattributed is labelled as such, never as a country.
  const matrix = page.getByTestId("corridor-matrix");
  await expect(matrix.getByRole("columnheader", { name: "Unattributed" })).toBeVisible();
  await expect(matrix.getByRole("rowheader", { name: "Unattributed" })).toBeVisible();
  // Bridge hops are excluded from adjusted volume, and the exclusion is shown.
  const aeZz = expectedCorridor("AE", "ZZ", fromDay, toDay);
  expect(aeZz.bridgeVolume).toBeGreaterThan(0n);
  await expect(page.getByTestId("corridor-excluded-bridge")).not.toHaveAttribute("data-wei", "0");
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "corridors");
});

test("the issuer's primary market is excluded, shown on its own line and drills down", async ({ page }) => {
  await waitForSettledHistory(page);
  const all = expectedCorridorTotals(fromDay, toDay);
  expect(all.primaryVolume).toBeGreaterThan(0n);
  // The excluded total is exactly intra-entity + bridge + primary market, each with its amount.
  const lines = page.getByRole("list", { name: "Excluded volume by reason" });
  await expect(lines.getByRole("listitem")).toHaveText([/^Intra-entity/, /^Bridge/, /^Primary market/]);
  await expect(page.getByTestId("corridor-excluded-primary")).toHaveAttribute(
    "data-wei",
    all.primaryVolume.toString(),
  );
  await expect(page.getByTestId("corridor-excluded-intra")).toHaveAttribute(
    "data-wei",
    all.intraEntityVolume.toString(),
  );
  await expect(page.getByTestId("corridor-excluded-bridge")).toHaveAttribute(
    "data-wei",
    all.bridgeVolume.toString(),
  );
  await expect(page.getByTestId("corridor-excluded").locator("[data-wei]")).toHaveAttribute(
    "data-wei",
    (all.volume - all.adjustedVolume).toString(),
  );
  await expect(page.getByTestId("corridor-adjusted-total")).toHaveAttribute(
    "data-wei",
    all.adjustedVolume.toString(),
  );

  // The corridor carrying most of it: its table row and its primary-market transfers.
  const [key, top] = [...expectedCorridors(fromDay, toDay)].sort(([, a], [, b]) =>
    a.primaryVolume === b.primaryVolume ? 0 : a.primaryVolume > b.primaryVolume ? -1 : 1,
  )[0] ?? ["", undefined];
  if (!top) throw new Error("no corridor in the plan");
  const [origin = "", destination = ""] = key.split("→");
  await page.goto(`/corridors?${RANGE}&c.origin=${origin}&c.destination=${destination}`);
  const table = page.getByTestId("corridor-table");
  await expect(table.getByRole("columnheader", { name: "Primary market (excl.)" })).toBeVisible();
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table.locator("tbody tr").locator(`[data-wei="${top.primaryVolume}"]`)).toHaveCount(1);

  await page.goto(corridorTransactionsHref({ origin, destination, fromDay, toDay, flow: "primary" }));
  await expect(page.getByTestId("corridor-note")).toContainText("the issuer's primary market");
  await expect(page.getByTestId("transactions-total")).toHaveAttribute(
    "data-count",
    String(top.primaryCount),
  );
  await expect(page.getByTestId("transactions-total-amount")).toHaveAttribute(
    "data-wei",
    top.primaryVolume.toString(),
  );
  await expect(page.getByTestId("transactions-table").getByRole("combobox", { name: "Flow" })).toHaveValue(
    "primary",
  );
});

test("clicking a cell lists exactly the transfers behind it", async ({ page }) => {
  await waitForSettledHistory(page);
  const want = expectedCorridor("AE", "PK", fromDay, toDay);
  await page.getByTestId("corridor-cell-AE-PK").click();
  await expect(page).toHaveURL(/\/transactions\?/);
  const url = new URL(page.url());
  expect(url.pathname + url.search).toBe(
    corridorTransactionsHref({ origin: "AE", destination: "PK", fromDay, toDay }),
  );
  await expect(page.getByTestId("corridor-note")).toContainText("United Arab Emirates → Pakistan");
  await expect(page.getByTestId("transactions-total")).toHaveAttribute(
    "data-count",
    String(want.adjustedCount),
  );
  await expect(page.getByTestId("transactions-total-amount")).toHaveAttribute(
    "data-wei",
    want.adjustedVolume.toString(),
  );
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "corridor-drill-down");
});

test("range, chain and table state live in the URL and survive a reload", async ({ page }) => {
  await waitForSettledHistory(page);
  await page.goto(`/corridors?${RANGE}&c.destination=PK&c.sort=count.desc`);
  const table = page.getByTestId("corridor-table");
  await expect(table.getByLabel("Destination")).toHaveValue("PK");
  // Sorted by adjusted transfers, largest first: the first row's count is the largest.
  const counts = await table.locator("tbody tr td:nth-child(3)").allTextContents();
  const numbers = counts.map((c) => Number(c.replace(/,/g, "")));
  expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  await table.getByLabel("Origin").selectOption("GB");
  await expect(page).toHaveURL(/c\.origin=GB/);
  await page.reload();
  await expect(table.getByLabel("Origin")).toHaveValue("GB");
  await expect(table.locator("tbody tr")).toHaveCount(1);
  const gb = expectedCorridor("GB", "PK", fromDay, toDay);
  await expect(table.getByTestId("corridor-row-GB-PK").locator("[data-wei]")).toHaveAttribute(
    "data-wei",
    gb.adjustedVolume.toString(),
  );
  await page.goBack();
  await expect(table.getByLabel("Origin")).toHaveValue("");
});

test("bad input in the URL gives a clear message, never a 500", async ({ page }) => {
  const cases: [string, RegExp][] = [
    ["chain=999999", /Unknown chain 999999/],
    ["chain=1;drop table transfers", /numeric chain id/],
    ["from=2026-06-20&to=2026-06-01", /reversed/],
    ["c.size=100000", /size must be one of/],
    ["c.origin=AE' or '1'='1", /two-letter country code/],
    ["c.sort=adjusted;drop", /sort must look like/],
  ];
  for (const [query, message] of cases) {
    const res = await page.goto(`/corridors?${query}`);
    expect(res?.status(), query).toBe(200);
    await expect(page.getByTestId("view-params-error"), query).toContainText(message);
  }
});
