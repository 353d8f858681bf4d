// The indexer status view against the running demo: both demo chains, caught up (lag 0) once the
// indexers have processed the seeded history, each reconciled to the wei against totalSupply().
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signInAs } from "./fixtures/auth";

const CHAINS = [
  { chainId: 31337, name: "Ethereum (local)" },
  { chainId: 31338, name: "BNB Chain (local)" },
];

test.beforeEach(async ({ page }) => {
  await signInAs(page, "analyst");
});

test("both demo chains are listed, caught up with lag 0 and reconciled", async ({ page }) => {
  await page.goto("/indexer");
  await expect(page.getByRole("heading", { level: 1, name: "Indexer status" })).toBeVisible();
  for (const c of CHAINS) {
    await expect(page.getByRole("heading", { name: `${c.name} · chain ${c.chainId}` })).toBeVisible();
  }
  // History is indexed while we watch (no live traffic in the e2e demo): reload until caught up.
  await expect(async () => {
    await page.reload();
    for (const c of CHAINS) {
      await expect(page.getByTestId(`indexer-lag-blocks-${c.chainId}`)).toHaveText("0 blocks", {
        timeout: 1_000,
      });
      await expect(page.getByTestId(`reconciliation-${c.chainId}`)).toContainText("Matched", {
        timeout: 1_000,
      });
    }
  }).toPass({ timeout: 240_000, intervals: [1_000, 2_000, 5_000] });

  for (const c of CHAINS) {
    await expect(page.getByTestId(`indexer-progress-${c.chainId}`)).toHaveText("Caught up");
    await expect(page.getByTestId(`indexer-lag-time-${c.chainId}`)).toHaveText("0 s");
    await expect(page.getByTestId(`reconciliation-diff-${c.chainId}`)).toHaveText("0 wei");
    // One contiguous range: no gap in what was indexed.
    await expect(page.getByTestId(`indexer-ranges-${c.chainId}`).getByRole("listitem")).toHaveCount(1);
    await expect(page.getByTestId(`indexer-gap-${c.chainId}`)).toHaveCount(0);
    await expect(page.getByTestId(`indexer-reorg-${c.chainId}`)).toHaveText("none");
  }

  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath("indexer-status.png"), fullPage: true });
});

test("the chain filter narrows the view; a bad one gives a clear message", async ({ page }) => {
  await page.goto("/indexer?chain=31338");
  await expect(page.getByRole("heading", { name: "BNB Chain (local) · chain 31338" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Ethereum (local) · chain 31337" })).toHaveCount(0);

  const res = await page.goto("/indexer?chain=999999");
  expect(res?.status()).toBe(200);
  await expect(page.getByTestId("view-params-error")).toContainText("chain");
});
