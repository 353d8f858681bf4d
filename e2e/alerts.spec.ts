// The alerts view against the seeded demo: R1's exact count from the simulator's plan (the planted
// sanctioned-address pattern and the demo's mixer deposit, replayed through R1's definition),
// totals that agree across the table, the summary, the chart's numbers and the CSV export, URL
// state, bulk assignment (audited), and who may export.
import { parse } from "csv-parse/sync";
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./fixtures/auth";
import { demoNetwork, planTransfers, ZERO_ADDRESS } from "./fixtures/demo-corridors";
import { expectNoSeriousA11yViolations, screenshot, waitForSettledHistory } from "./fixtures/views";

/**
 * R1 (DOMAIN.md §4) over the plan, chain by chain in chain order: a transfer with a listed address
 * is a direct hit (severe) and makes its counterparty a hop; a later transfer of a hop that
 * touches no listed address is a one-hop hit (high). The demo imports two lists: its sanctioned
 * address and its mixer deposit address.
 */
function expectedR1(): { severe: number; high: number; listed: Set<string> } {
  const network = demoNetwork();
  const listed = new Set(
    [network.registry.sanctioned, network.registry.highRisk].map((a) => a.toLowerCase()),
  );
  let severe = 0;
  let high = 0;
  for (const { chainId } of network.plans) {
    const hops = new Set<string>();
    const transfers = planTransfers(network)
      .filter((t) => t.chainId === chainId)
      .sort((a, b) => a.ts - b.ts);
    for (const t of transfers) {
      const fromHit = listed.has(t.from);
      const toHit = listed.has(t.to) && t.to !== t.from;
      if (fromHit) {
        severe++;
        if (t.to !== ZERO_ADDRESS) hops.add(t.to);
      }
      if (toHit) {
        severe++;
        if (t.from !== ZERO_ADDRESS) hops.add(t.from);
      }
      if (fromHit || toHit) continue;
      if (hops.has(t.from)) high++;
      if (hops.has(t.to) && t.to !== t.from) high++;
    }
  }
  return { severe, high, listed };
}

const R1 = expectedR1();
const R1_TOTAL = R1.severe + R1.high;

async function countOf(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute("data-count"));
}

/** The table's alert ids, in the order shown. */
async function shownIds(page: Page): Promise<number[]> {
  const links = await page.getByTestId("alerts-table").getByTestId("alert-link").allTextContents();
  return links.map((t) => Number(t.replace("#", "")));
}

/** Monitoring runs behind the indexer: reload until every R1 hit of the seed is in. */
async function waitForR1(page: Page) {
  await expect(async () => {
    await page.goto("/alerts?rule=R1&status=all");
    await expect(page.getByTestId("alerts-total")).toHaveAttribute("data-count", String(R1_TOTAL), {
      timeout: 1_000,
    });
  }).toPass({ timeout: 120_000, intervals: [1_000, 2_000, 5_000] });
}

test.describe("as an analyst", () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, "analyst");
    await waitForSettledHistory(page);
    await waitForR1(page);
  });

  test("R1 shows exactly the seed's sanctioned-list hits, and the totals agree", async ({ page }) => {
    // The planted pattern (to and from the sanctioned address) and the fan-in's exit to the mixer, per chain.
    expect(R1.severe).toBe(6);
    await expect(page.getByTestId("alerts-severity-severe")).toHaveAttribute("data-count", String(R1.severe));
    await expect(page.getByTestId("alerts-severity-high")).toHaveAttribute("data-count", String(R1.high));
    await expect(page.getByTestId("alerts-table").getByTestId("alert-rule")).toHaveCount(
      Math.min(25, R1_TOTAL),
    );
    for (const rule of await page.getByTestId("alerts-table").getByTestId("alert-rule").all()) {
      await expect(rule).toHaveAttribute("data-rule", "R1");
    }
    const subjects = await page
      .getByTestId("alerts-table")
      .locator("a[href^='/addresses/']")
      .evaluateAll((links) => links.map((a) => a.getAttribute("title")));
    expect(subjects.filter((s) => s !== null && R1.listed.has(s))).toHaveLength(R1.severe);

    // Every alert: the table's total, the summary and the chart's numbers are one figure.
    await page.goto("/alerts?status=all");
    const total = await countOf(page, "alerts-total");
    expect(total).toBeGreaterThan(R1_TOTAL);
    await expect(page.getByTestId("alerts-summary-total")).toHaveAttribute("data-count", String(total));
    let bySeverity = 0;
    for (const s of ["severe", "high", "medium", "low"])
      bySeverity += await countOf(page, `alerts-severity-${s}`);
    expect(bySeverity).toBe(total);
    // The chart's legend reads from the most to the least severe, not alphabetically.
    await expect(page.locator("#alerts-trend .recharts-legend-item-text")).toHaveText([
      "Severe",
      "High",
      "Medium",
      "Low",
    ]);
    await page.getByText("Show the numbers").click();
    const table = page.getByRole("table", { name: /^Alerts by severity per (day|week)$/ });
    const totals = await table.locator("tbody tr td:last-child").allTextContents();
    expect(totals.reduce((n, t) => n + Number(t.replace(/,/g, "")), 0)).toBe(total);
    await expect(page.getByTestId("alerts-rule-R1")).toHaveAttribute("data-count", String(R1_TOTAL));
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, "alerts-all");
  });

  test("filters round-trip through the URL", async ({ page }) => {
    await page.goto("/alerts");
    const filters = page.getByRole("group", { name: "Alert filters" });
    await filters.getByRole("combobox", { name: "Rule" }).selectOption("R1");
    await expect(page).toHaveURL(/rule=R1/);
    await filters.getByRole("combobox", { name: "Status" }).selectOption("all");
    await expect(page).toHaveURL(/status=all/);
    await filters.getByRole("combobox", { name: "Severity" }).selectOption("severe");
    await expect(page).toHaveURL(/severity=severe/);
    await expect(page.getByTestId("alerts-total")).toHaveAttribute("data-count", String(R1.severe));
    const table = page.getByTestId("alerts-table");
    await table.getByLabel("Rows per page").selectOption("10");
    await expect(page).toHaveURL(/size=10/);
    await table.getByRole("button", { name: /^Score/ }).click();
    await expect(page).toHaveURL(/sort=score\.(asc|desc)/);
    const url = page.url();
    await page.reload();
    expect(page.url()).toBe(url);
    await expect(filters.getByRole("combobox", { name: "Rule" })).toHaveValue("R1");
    await expect(filters.getByRole("combobox", { name: "Status" })).toHaveValue("all");
    await expect(filters.getByRole("combobox", { name: "Severity" })).toHaveValue("severe");
    await expect(table.getByLabel("Rows per page")).toHaveValue("10");
    await expect(page.getByTestId("alerts-total")).toHaveAttribute("data-count", String(R1.severe));
    await expect(table.locator("tbody tr")).toHaveCount(Math.min(10, R1.severe));

    await filters.getByRole("button", { name: "Clear filters" }).click();
    await expect(page).not.toHaveURL(/rule=|status=|severity=/);
  });

  test("bulk assign two alerts to me, then find them under assignee=me (audited)", async ({
    page,
    browser,
  }) => {
    await page.goto("/alerts?assignee=me&status=all");
    const before = await countOf(page, "alerts-total");
    await page.goto("/alerts?assignee=unassigned&sort=id.desc");
    const [a, b] = await shownIds(page);
    if (a === undefined || b === undefined) throw new Error("the demo has fewer than two unassigned alerts");
    await page.getByRole("checkbox", { name: `Select alert #${a}` }).check();
    await page.getByRole("checkbox", { name: `Select alert #${b}` }).check();
    await expect(page.getByTestId("alerts-selected")).toHaveAttribute("data-count", "2");
    await page.getByLabel("Assign to").selectOption({ label: "Ana Analyst (analyst@demo.local)" });
    await page.getByRole("button", { name: "Assign 2 alerts" }).click();
    await expect(page.getByTestId("alerts-assign-result")).toHaveText(
      "2 alerts assigned to Ana Analyst (analyst@demo.local).",
    );
    // The unassigned queue no longer lists them.
    await expect(page.getByRole("link", { name: `#${a}`, exact: true })).toHaveCount(0);

    await page.goto("/alerts?assignee=me&status=all&size=100");
    await expect(page.getByTestId("alerts-total")).toHaveAttribute("data-count", String(before + 2));
    expect(await shownIds(page)).toEqual(expect.arrayContaining([a, b]));
    await expect(page.getByTestId("alerts-table").getByTestId("alert-assignee").first()).toHaveText(
      "Ana Analyst",
    );

    const admin = await browser.newPage();
    await signInAs(admin, "admin");
    await admin.goto("/admin/audit?action=alert.assign");
    const [lo, hi] = [Math.min(a, b), Math.max(a, b)];
    await expect(
      admin.locator("[data-testid=audit-row][data-action='alert.assign']").filter({
        hasText: `"alertIds":[${lo},${hi}]`,
      }),
    ).toHaveCount(1);
    await admin.close();
  });

  test("analysts get no export buttons, and the export refuses them", async ({ page }) => {
    await page.goto("/alerts?rule=R1&status=all");
    await expect(page.getByTestId("alerts-total")).toBeVisible();
    await expect(page.getByTestId("alerts-export-csv")).toHaveCount(0);
    await expect(page.getByTestId("alerts-export-xlsx")).toHaveCount(0);
    const res = await page.request.get("/api/exports/alerts?format=csv&rule=R1&status=all");
    expect(res.status()).toBe(403);
  });

  test("bad input in the URL gives a clear message, never a 500", async ({ page }) => {
    const cases: [string, RegExp][] = [
      ["rule=R15", /rule must be one of/],
      ["status=closed", /status must be one of/],
      ["assignee=nobody", /Unknown assignee nobody/],
      ["assignee=x'%20or%201=1", /assignee must be/],
      ["severity=critical", /severity must be one of/],
      ["min=10&max=1", /amount range is reversed/],
      ["entity=999999", /Unknown entity/],
      ["q=hello", /Search for an address/],
      ["sort=explanation.desc", /Cannot sort by/],
    ];
    for (const [query, message] of cases) {
      const res = await page.goto(`/alerts?${query}`);
      expect(res?.status(), query).toBe(200);
      await expect(page.getByTestId("view-params-error"), query).toContainText(message);
    }
  });
});

test("a compliance officer downloads the alerts of a filter as CSV and XLSX", async ({ page }) => {
  await signInAs(page, "compliance");
  await waitForSettledHistory(page);
  await waitForR1(page);
  const csvLink = page.getByTestId("alerts-export-csv");
  await expect(csvLink).toHaveAttribute("href", "/api/exports/alerts?rule=R1&status=all&format=csv");
  await expect(csvLink).toHaveText(`Download CSV (${R1_TOTAL} rows)`);
  const [known] = await shownIds(page);
  const res = await page.request.get((await csvLink.getAttribute("href")) ?? "");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="usd1-alerts-\d{8}T\d{6}Z-EX-/);
  const records = parse(await res.body(), { columns: true, bom: true }) as Record<string, string>[];
  expect(records).toHaveLength(R1_TOTAL);
  expect(records.filter((r) => r.rule_id === "R1")).toHaveLength(R1_TOTAL);
  expect(records.find((r) => r.alert_id === String(known))).toMatchObject({
    rule_id: "R1",
    rule_name: "Sanctioned counterparty",
  });
  expect(records.filter((r) => R1.listed.has(r.subject_address ?? ""))).toHaveLength(R1.severe);

  const xlsx = await page.request.get(
    (await page.getByTestId("alerts-export-xlsx").getAttribute("href")) ?? "",
  );
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()["content-type"]).toBe(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  );

  // Every alert: the CSV of status=all has as many rows as the view counts (monitoring may still
  // be finishing the last blocks, so both are read again until they agree).
  await expect(async () => {
    await page.goto("/alerts?status=all");
    const total = await countOf(page, "alerts-total");
    const all = await page.request.get("/api/exports/alerts?status=all&format=csv");
    expect(all.status()).toBe(200);
    expect(parse(await all.body(), { columns: true, bom: true })).toHaveLength(total);
  }).toPass({ timeout: 60_000, intervals: [1_000, 2_000, 5_000] });
});
