// The Reserves & peg view against the demo's market ground truth (lib/demo/market): the planted
// under-collateralised day's ratio to the last digit, the planted depegs (and no other day past
// 50 bps) in the pool tables, and the four-eyes confirmation of an attestation.
import { randomBytes } from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { demoNetworkPlan } from "@/lib/demo/network-plan";
import { computeGroundTruth } from "@/lib/demo/simulator/ground-truth";
import { formatInt } from "@/lib/format";
import { formatPercentE18 } from "@/lib/reserves/math";
import { signedInPages, signInAs } from "./fixtures/auth";
import { E2E_DEMO } from "./fixtures/demo-params";

const network = demoNetworkPlan(E2E_DEMO);
const market = network.market!;
const day = (ts: number) => new Date(ts * 1000).toISOString().slice(0, 10);
const RANGE = `/reserves?from=${day(network.plans[0]!.plan.actions[0]!.ts)}&to=${E2E_DEMO.endDate}`;

/** Native supply (both chains) at the end of a UTC day, from the plan. */
function supplyAtEndOf(d: string): bigint {
  const end = Date.parse(`${d}T00:00:00Z`) / 1000 + 86_400;
  return network.plans.reduce((sum, { plan }) => {
    const upTo = plan.actions.findIndex((a) => a.ts >= end);
    return sum + computeGroundTruth(plan, upTo === -1 ? plan.actions.length : upTo).totalSupply;
  }, 0n);
}

/** Opens a card's "Show the numbers" and returns its table. */
async function numbers(card: Locator): Promise<Locator> {
  await card.getByText("Show the numbers").click();
  return card.getByRole("table");
}

/** History fills in while we watch: reload until every planned report is indexed. */
async function waitForReports(page: Page) {
  const source = page.getByTestId("reserve-source").filter({ hasText: market.reserveFeed!.description });
  await expect(async () => {
    await page.reload();
    await expect(source.getByRole("cell").nth(1)).toHaveText(formatInt(market.reserveReports.length), {
      timeout: 1_000,
    });
  }).toPass({ timeout: 240_000, intervals: [1_000, 2_000, 5_000] });
}

test("the planted under-collateralised day and depegs, exactly", async ({ page }) => {
  expect(market.underCollateralised).not.toBeNull();
  await signInAs(page, "analyst");
  await page.goto(RANGE);
  await expect(page.getByRole("heading", { level: 1, name: "Reserves & peg" })).toBeVisible();
  await waitForReports(page);

  // The day's last report against the day's closing native supply.
  const under = day(market.underCollateralised!.from);
  const last = market.reserveReports.filter((r) => day(r.ts) === under).at(-1)!;
  const ratio = (last.reservesWei * 10n ** 18n) / supplyAtEndOf(under);
  const table = await numbers(page.getByRole("region", { name: "Collateral ratio over time" }));
  const row = table
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: under, exact: true }) });
  await expect(row.getByRole("cell").nth(5)).toHaveText(`${formatPercentE18(ratio)} %`);
  await expect(row).toHaveAttribute("data-under", "true");
  await expect(table.locator('tr[data-under="true"]')).toHaveCount(1);

  // Daily rows of each pool whose worst 5-minute TWAP is ≥ 50 bps below $1: the planted ones only.
  for (const pool of market.pools) {
    // The pool has the same address on both chains (same deployer, same nonce): match the chain too.
    const episodes = market.pegEpisodes.filter((e) => e.chainId === pool.chainId && e.pool === pool.pool);
    const card = page.getByRole("region", { name: `Peg: Uniswap v3 USD1/USDT 0.01%, chain ${pool.chainId}` });
    const rows = (await numbers(card)).getByRole("row");
    await expect(rows.first()).toBeVisible();
    const worst = await rows.evaluateAll((trs) =>
      trs
        .slice(1)
        .map((tr) => [
          tr.querySelector("th")?.textContent ?? "",
          tr.querySelectorAll("td")[2]?.textContent ?? "",
        ]),
    );
    const below = worst
      .map(([d, w]) => [d, Number((w ?? "").replace("−", "-"))] as const)
      .filter(([, w]) => w <= -50);
    expect(below.map(([d]) => d).sort()).toEqual(episodes.map((e) => day(e.from)).sort());
    for (const e of episodes) {
      const [, w] = below.find(([d]) => d === day(e.from))!;
      expect(w).toBeLessThanOrEqual(-e.minDeviationBps);
    }
  }
});

const pageAs = signedInPages();

test("an attestation counts only once a second officer confirms it", async ({ browser, baseURL }) => {
  const first = await pageAs(browser, baseURL, "compliance");
  await first.goto(RANGE);
  const sha = randomBytes(32).toString("hex");
  const form = first.getByRole("form", { name: "Enter an attestation" });
  await form.getByLabel("Reserves (USD)").fill("4700000000.5");
  await form.getByLabel("As of (UTC day)").fill(E2E_DEMO.endDate);
  await form.getByLabel("Custodian").fill("Demo Trust");
  await form.getByLabel("Report name").fill(`e2e ${sha.slice(0, 8)}`);
  await form.getByLabel("Report SHA-256").fill(sha);
  await form.getByRole("button", { name: "Enter attestation" }).click();
  await expect(first.getByTestId("attestation-outcome")).toContainText(
    "another compliance officer must confirm",
  );
  await first.reload();
  const mine = first.getByTestId("attestation-row").filter({ hasText: `e2e ${sha.slice(0, 8)}` });
  await expect(mine).toContainText("Awaiting a second officer");
  await expect(mine.getByRole("button", { name: "Confirm" })).toHaveCount(0);

  const second = await pageAs(browser, baseURL, "compliance2");
  await second.goto(RANGE);
  const theirs = second.getByTestId("attestation-row").filter({ hasText: `e2e ${sha.slice(0, 8)}` });
  await theirs.getByRole("button", { name: "Confirm" }).click();
  await expect(theirs.getByRole("button", { name: "Confirm" })).toHaveCount(0);
  await second.reload();
  await expect(theirs).toContainText("Confirmed");
  await expect(theirs).toContainText("compliance2@demo.local");
});
