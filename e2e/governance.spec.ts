// Who holds the keys, against the deterministic demo: every chain's governor roles exactly as
// lib/demo/chain/demo-chain.ts grants them, the governor as the token's owner at version 2, and the
// supply view's admin timeline naming the issuer admin (not the governor) as the freezer.
import { expect, test, type Page } from "@playwright/test";
import type { Plan } from "@/lib/demo/simulator/types";
import { signInAs } from "./fixtures/auth";
import { demoNetwork } from "./fixtures/demo-corridors";
import { expectNoSeriousA11yViolations, screenshot } from "./fixtures/views";

const network = demoNetwork();
const lower = (a: string) => a.toLowerCase();

/** The role grants of startDemoChain (plus the governor's constructor: DEFAULT_ADMIN_ROLE to the admin). */
function deployedRoles(chainId: number, plan: Plan): string[] {
  const pool = network.pools[chainId];
  if (!pool) throw new Error(`no bridge pool on chain ${chainId}`);
  const holders: [string, string][] = [
    ["DEFAULT_ADMIN_ROLE", plan.admin],
    ["MINTER_ROLE", plan.owner],
    ["BURNER_ROLE", plan.owner],
    ["BRIDGE_MINTER_OR_BURNER_ROLE", pool],
    ["FREEZER_ROLE", plan.admin],
    ["UNFREEZER_ROLE", plan.admin],
    ["PAUSER_ROLE", plan.admin],
    ["UNPAUSER_ROLE", plan.admin],
  ];
  return holders.map(([role, account]) => `${role} ${lower(account)}`).sort();
}

const holdersTable = (page: Page) =>
  page.getByRole("table", { name: "Current holders of each governor role, by chain and governor" });

/** Role and holder of every row of one chain (each row carries them as data attributes). */
function holdersOf(page: Page, chainId: number) {
  return holdersTable(page)
    .locator(`tbody tr[data-chain="${chainId}"]`)
    .evaluateAll((rows) =>
      rows.map((r) => ({
        role: r.getAttribute("data-role") ?? "",
        account: r.getAttribute("data-account") ?? "",
        governor: r.getAttribute("data-governor") ?? "",
      })),
    );
}

test.beforeEach(async ({ page }) => {
  await signInAs(page, "analyst");
});

test("per chain: the governor owns the token at version 2 and the roles are held as deployed", async ({
  page,
}) => {
  expect(network.plans).toHaveLength(2);
  await page.goto("/governance");
  await expect(page.getByRole("heading", { level: 1, name: "Governance" })).toBeVisible();
  // The deployment is indexed before the history: reload until every chain shows every grant.
  await expect(async () => {
    await page.reload();
    for (const { chainId, plan } of network.plans) {
      expect(await holdersOf(page, chainId)).toHaveLength(deployedRoles(chainId, plan).length);
    }
  }).toPass({ timeout: 240_000, intervals: [1_000, 2_000, 5_000] });

  for (const { chainId, plan } of network.plans) {
    const rows = await holdersOf(page, chainId);
    expect(rows.map((r) => `${r.role} ${r.account}`).sort(), `chain ${chainId}`).toEqual(
      deployedRoles(chainId, plan),
    );
    expect(new Set(rows.map((r) => r.governor))).toEqual(new Set([lower(plan.governor)]));

    const chain = page.getByRole("region", { name: new RegExp(`\\(chain ${chainId}\\)$`) });
    const owner = chain.getByTestId("governance-owner");
    await expect(owner.getByRole("link", { name: lower(plan.governor) })).toBeVisible();
    await expect(owner).toContainText("TokenGovernor");
    await expect(chain.getByTestId("governance-implementation")).toContainText("Initialized version: 2");
  }
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "governance");
});

test("the supply view's admin timeline names the issuer admin as the freezer, through the governor", async ({
  page,
}) => {
  const freezes = network.plans.flatMap(({ plan }) =>
    plan.actions.filter((a) => a.kind === "freeze").map(() => plan),
  );
  expect(freezes.length).toBeGreaterThan(0);
  const table = page.getByTestId("admin-events-table");
  const rows = table.locator("tbody tr").filter({ hasText: "Account frozen" });
  await page.goto("/supply?events.kind=freeze");
  await expect(async () => {
    await page.reload();
    await expect(rows).toHaveCount(freezes.length, { timeout: 1_000 });
  }).toPass({ timeout: 240_000, intervals: [1_000, 2_000, 5_000] });
  await expect(table.getByRole("combobox", { name: "Event" })).toHaveValue("freeze");

  const seen = await rows
    .getByTestId("admin-event-actor")
    .evaluateAll((cells) =>
      cells.map((c) => `${c.getAttribute("data-actor")} via ${c.getAttribute("data-via")}`),
    );
  expect(seen.sort()).toEqual(
    freezes.map((plan) => `${lower(plan.admin)} via ${lower(plan.governor)}`).sort(),
  );
  const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;
  for (const plan of new Set(freezes)) {
    const [admin, governor] = [lower(plan.admin), lower(plan.governor)];
    const row = rows.filter({ has: page.locator(`[data-actor="${admin}"][data-via="${governor}"]`) }).first();
    const by = row.getByTestId("admin-event-actor");
    await expect(by.getByRole("link", { name: admin, exact: true })).toBeVisible();
    await expect(by).toContainText("via governor");
    await expect(by.getByRole("link", { name: governor, exact: true })).toBeVisible();
    // The summary says the same in one line: the admin froze the account, through the governor.
    await expect(row).toContainText(`${short(admin)} froze the account 0x`);
    await expect(row).toContainText(`(through governor ${short(governor)})`);
  }
});
