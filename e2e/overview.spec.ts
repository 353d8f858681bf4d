import { expect, test } from "@playwright/test";
import { DEMO_CHAINS } from "@/lib/demo/chains";
import { computeGroundTruth } from "@/lib/demo/simulator/ground-truth";
import { planActivity } from "@/lib/demo/simulator/plan";
import { buildRegistry } from "@/lib/demo/simulator/registry";
import { formatUsd1 } from "@/lib/format";
import { E2E_DEMO } from "./fixtures/demo-params";

/** The supply the seeded demo must end with, from the simulator's own plan (pure, no chain). */
function expectedSupply(): bigint {
  const registry = buildRegistry(E2E_DEMO.seed, { chainIds: DEMO_CHAINS.map((c) => c.chainId) });
  const plan = planActivity({ ...E2E_DEMO, registry });
  return computeGroundTruth(plan).totalSupply;
}

test("the overview shows the exact supply of the seeded demo, reconciled on-chain", async ({ page }) => {
  const supply = expectedSupply();
  const [chain] = DEMO_CHAINS;
  await page.goto("/overview");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  // History fills in while we watch: reload until the indexer has caught up with the simulator.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("supply-total")).toHaveAttribute("data-wei", supply.toString(), {
      timeout: 1_000,
    });
  }).toPass({ timeout: 240_000, intervals: [1_000, 2_000, 5_000] });

  await expect(page.getByTestId("supply-total")).toHaveText(formatUsd1(supply));
  await expect(page.getByTestId(`supply-chain-${chain.chainId}`)).toContainText(formatUsd1(supply));
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId(`reconciliation-${chain.chainId}`)).toContainText("Matched", {
      timeout: 1_000,
    });
  }).toPass({ timeout: 60_000, intervals: [2_000] });
  await page.screenshot({ path: test.info().outputPath("overview.png"), fullPage: true });
});
