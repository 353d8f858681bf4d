// The supply view against the deterministic demo: every figure recomputed from the simulator's
// own plan (pure), so assertions are exact to the wei.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { demoNetworkPlan } from "@/lib/demo/network-plan";
import { computeGroundTruth } from "@/lib/demo/simulator/ground-truth";
import type { Plan } from "@/lib/demo/simulator/types";
import { formatInt, formatShare, formatUsd1 } from "@/lib/format";
import { signInAs } from "./fixtures/auth";
import { E2E_DEMO } from "./fixtures/demo-params";

const network = demoNetworkPlan(E2E_DEMO);
const truth = network.plans.map(({ chainId, plan }) => ({ chainId, plan, gt: computeGroundTruth(plan) }));
const totalSupply = truth.reduce((a, c) => a + c.gt.totalSupply, 0n);

/** Supply at the end of a UTC day: the plan's actions before the next midnight. */
function supplyAtEndOf(plan: Plan, day: string): bigint {
  const end = Date.parse(`${day}T00:00:00Z`) / 1000 + 86_400;
  const upTo = plan.actions.findIndex((a) => a.ts >= end);
  return computeGroundTruth(plan, upTo === -1 ? plan.actions.length : upTo).totalSupply;
}

/** Top-10 share and HHI (0–10,000, two decimals, half up) of one chain's final balances. */
function concentration(balances: Map<string, bigint>) {
  const held = [...balances.values()].filter((b) => b > 0n).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  const total = held.reduce((a, b) => a + b, 0n);
  const top10 = held.slice(0, 10).reduce((a, b) => a + b, 0n);
  const squares = held.reduce((a, b) => a + b * b, 0n);
  const den = total * total;
  const hhi = (squares * 1_000_000n * 2n + den) / (2n * den);
  return {
    holders: held.length,
    top10Share: formatShare(top10, total),
    hhi: `${formatInt(hhi / 100n)}.${(hhi % 100n).toString().padStart(2, "0")}`,
  };
}

/** History fills in while we watch: reload until the indexers have caught up with the plan. */
async function waitForTotal(page: Page, wei: bigint) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("supply-total")).toHaveAttribute("data-wei", wei.toString(), {
      timeout: 1_000,
    });
  }).toPass({ timeout: 240_000, intervals: [1_000, 2_000, 5_000] });
}

const toolbar = (page: Page) => page.getByRole("toolbar", { name: "View filters" });

test.beforeEach(async ({ page }) => {
  await signInAs(page, "analyst");
});

test("supply, reconciliation and concentration are exact against the plan", async ({ page }) => {
  expect(truth).toHaveLength(2);
  await page.goto("/supply");
  await expect(page.getByRole("heading", { level: 1, name: "Supply" })).toBeVisible();
  await waitForTotal(page, totalSupply);
  await expect(page.getByTestId("supply-total")).toHaveText(formatUsd1(totalSupply));
  for (const c of truth) {
    await expect(page.getByTestId(`supply-chain-${c.chainId}`)).toHaveAttribute(
      "data-wei",
      c.gt.totalSupply.toString(),
    );
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId(`reconciliation-${c.chainId}`)).toContainText("Matched", {
        timeout: 1_000,
      });
    }).toPass({ timeout: 60_000, intervals: [2_000] });
  }
  const history = page.getByTestId("reconciliations-table").locator("tbody");
  await expect(history.getByText("Matched").first()).toBeVisible();

  // One chain: its balances are the ground truth's, to the wei.
  const [eth] = truth;
  if (!eth) throw new Error("no chains");
  const want = concentration(new Map([...eth.gt.balances].map(([a, b]) => [a.toLowerCase(), b])));
  await page.goto(`/supply?chain=${eth.chainId}`);
  await expect(page.getByTestId("supply-total")).toHaveAttribute("data-wei", eth.gt.totalSupply.toString());
  await expect(page.getByTestId("concentration-holders")).toHaveText(formatInt(want.holders));
  await expect(page.getByTestId("concentration-top10-share")).toHaveText(want.top10Share);
  await expect(page.getByTestId("concentration-hhi")).toHaveText(want.hhi);

  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
  ).toEqual([]);
  await page.screenshot({ path: test.info().outputPath("supply.png"), fullPage: true });
});

test("chain and date range live in the URL and survive a reload", async ({ page }) => {
  const bnb = truth.find((c) => c.chainId === 31338);
  if (!bnb) throw new Error("no BNB chain in the demo");
  const [from, to] = ["2026-06-12", "2026-06-20"];
  await page.goto("/supply");
  await waitForTotal(page, totalSupply);

  await toolbar(page).getByLabel("Chain").selectOption(String(bnb.chainId));
  await expect(page).toHaveURL(/[?&]chain=31338/);
  await toolbar(page).getByLabel("From").fill(from);
  await toolbar(page).getByLabel("To", { exact: true }).fill(to);
  await page.getByRole("button", { name: "Apply range" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${from}.*to=${to}|to=${to}.*from=${from}`));

  const check = async () => {
    await expect(toolbar(page).getByLabel("Chain")).toHaveValue(String(bnb.chainId));
    await expect(toolbar(page).getByLabel("From")).toHaveValue(from);
    await expect(toolbar(page).getByLabel("To", { exact: true })).toHaveValue(to);
    await expect(page.getByTestId("supply-total")).toHaveAttribute("data-wei", bnb.gt.totalSupply.toString());
    const history = page.locator("#supply-history table tbody tr");
    await expect(history).toHaveCount(9);
    const last = history.filter({ has: page.locator("th", { hasText: to }) });
    await expect(last.locator("td [data-wei]").last()).toHaveAttribute(
      "data-wei",
      supplyAtEndOf(bnb.plan, to).toString(),
    );
  };
  await check();
  await page.reload();
  await check();

  // The shared table keeps its page in the URL too.
  const holders = page.getByTestId("holders-table");
  await holders.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/holders\.page=2/);
  await expect(holders.getByRole("status")).toContainText("Rows 11–");
  await page.reload();
  await expect(holders.getByRole("status")).toContainText("page 2 of");

  // Column visibility and density are in the URL as well.
  await holders.getByText("Columns", { exact: true }).click();
  await holders.getByRole("checkbox", { name: "Entity kind" }).uncheck();
  await expect(page).toHaveURL(/holders\.hide=kind/);
  await holders.getByRole("button", { name: "Compact rows" }).click();
  await expect(page).toHaveURL(/density=compact/);
  await page.reload();
  await expect(holders.getByRole("columnheader", { name: "Entity kind" })).toHaveCount(0);
  await expect(holders.getByRole("columnheader", { name: "Country" })).toBeVisible();
  await expect(holders.getByRole("button", { name: "Compact rows" })).toHaveAttribute("aria-pressed", "true");
});

test("a bad URL explains itself instead of failing", async ({ page }) => {
  const res = await page.goto("/supply?chain=999999&from=2026-06-20&to=2026-06-10&holders.size=100000");
  expect(res?.status()).toBe(200);
  const alert = page.getByTestId("view-params-error");
  await expect(alert).toContainText(
    "Unknown chain 999999. Known chains: 31337 (Ethereum (local)), 31338 (BNB Chain (local)).",
  );
  await expect(alert).toContainText("The date range is reversed: from 2026-06-20 is after to 2026-06-10.");
  await expect(alert).toContainText("size must be one of 10, 25, 50, 100");
  await page.goto("/supply?recon.sort=indexed_supply;drop table balances.desc&events.kind=selfdestruct");
  await expect(alert).toContainText("sort must look like column.asc or column.desc");
  await expect(alert).toContainText("event kind must be one of");
  await alert.getByRole("link", { name: "reset them to the defaults" }).click();
  await expect(page).toHaveURL(/\/supply$/);
  await expect(page.getByTestId("supply-total")).toBeVisible();
});
