import { expect, test } from "@playwright/test";
import { demoNetworkPlan } from "@/lib/demo/network-plan";
import { computeGroundTruth } from "@/lib/demo/simulator/ground-truth";
import { inTransitAt } from "@/lib/demo/simulator/network";
import { formatUsd1 } from "@/lib/format";
import { signInAs } from "./fixtures/auth";
import { E2E_DEMO } from "./fixtures/demo-params";

/** What the seeded demo must end with, from the simulator's own plan (pure, no chain). */
function expected() {
  const network = demoNetworkPlan(E2E_DEMO);
  const chains = network.plans.map(({ chainId, plan }) => ({
    chainId,
    supply: computeGroundTruth(plan).totalSupply,
  }));
  const total = chains.reduce((a, c) => a + c.supply, 0n);
  const endTs = Math.max(...network.plans.map((p) => p.plan.endTs));
  return { chains, total, inTransit: inTransitAt(network.moves, endTs), moves: network.moves.length };
}

// Every view needs a signed-in user; the overview is open to every role.
test.beforeEach(async ({ page }) => {
  await signInAs(page, "analyst");
});

test("the overview shows both chains' supply and the total, exactly, reconciled on-chain", async ({
  page,
}) => {
  const want = expected();
  expect(want.chains).toHaveLength(2);
  expect(want.moves).toBeGreaterThan(0);
  await page.goto("/overview");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  // History fills in while we watch: reload until the indexers have caught up with the simulator.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("supply-total")).toHaveAttribute("data-wei", want.total.toString(), {
      timeout: 1_000,
    });
  }).toPass({ timeout: 240_000, intervals: [1_000, 2_000, 5_000] });

  await expect(page.getByTestId("supply-total")).toHaveText(formatUsd1(want.total));
  for (const c of want.chains) {
    await expect(page.getByTestId(`supply-chain-${c.chainId}`)).toHaveText(formatUsd1(c.supply));
  }
  // Every move has landed: nothing in transit, and issuance (bridge excluded) equals the total.
  expect(want.inTransit).toBe(0n);
  await expect(page.getByTestId("supply-in-transit")).toHaveAttribute("data-wei", "0");
  await expect(page.getByTestId("supply-net-issuance")).toHaveAttribute("data-wei", want.total.toString());
  for (const c of want.chains) {
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId(`reconciliation-${c.chainId}`)).toContainText("Matched", {
        timeout: 1_000,
      });
    }).toPass({ timeout: 60_000, intervals: [2_000] });
  }
  await page.screenshot({ path: test.info().outputPath("overview.png"), fullPage: true });
});

test("the chain filter lives in the URL and narrows every figure to one chain", async ({ page }) => {
  const want = expected();
  const [first] = want.chains;
  if (!first) throw new Error("no chains");
  await page.goto(`/overview?chain=${first.chainId}`);
  await expect(page.getByTestId("supply-total")).toHaveAttribute("data-wei", first.supply.toString());
  await expect(page.getByRole("link", { name: "All chains" })).not.toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: "All chains" }).click();
  await expect(page).toHaveURL(/\/overview$/);
  // The URL alone must carry the state: a reload shows the unfiltered figures.
  await page.reload();
  await expect(page.getByTestId("supply-total")).toHaveAttribute("data-wei", want.total.toString());
});

test("a bad chain filter gives a clear message, not an error page", async ({ page }) => {
  const res = await page.goto("/overview?chain=999999");
  expect(res?.status()).toBe(200);
  // (Next's route announcer is also an alert region; ours is the one about the chain.)
  const alert = page.getByRole("alert").filter({ hasText: /chain/ });
  await expect(alert).toHaveText("Unknown chain 999999. Pick one of the chains below.");
  await page.goto("/overview?chain=1;drop table transfers");
  await expect(alert).toHaveText("The chain filter must be a numeric chain id.");
});
