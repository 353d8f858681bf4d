// The address page against the seeded demo: registry identity, exact balance and counterparties
// from the simulator's plan, chain filter in the URL, unknown and malformed addresses.
import { expect, test } from "@playwright/test";
import { computeGroundTruth } from "@/lib/demo/simulator/ground-truth";
import { formatInt } from "@/lib/format";
import { signInAs } from "./fixtures/auth";
import { demoNetwork, planTransfers } from "./fixtures/demo-corridors";
import { expectNoSeriousA11yViolations, screenshot } from "./fixtures/views";

const ENTITY = "Indus Digital Exchange";

function subject() {
  const network = demoNetwork();
  const entity = network.registry.destinations.find((d) => d.name === ENTITY);
  const wallet = entity?.wallets[0];
  if (!wallet) throw new Error(`${ENTITY} has no wallet in the plan`);
  const address = wallet.toLowerCase();
  const perChain = network.plans.map(({ chainId, plan }) => ({
    chainId,
    balance: computeGroundTruth(plan).balances.get(wallet) ?? 0n,
  }));
  const mine = planTransfers().filter((t) => t.from === address || t.to === address);
  const others = new Set(mine.map((t) => (t.from === address ? t.to : t.from)));
  return {
    address,
    perChain,
    total: perChain.reduce((s, c) => s + c.balance, 0n),
    counterparties: others.size,
    legs: mine.reduce((s, t) => s + Number(t.from === address) + Number(t.to === address), 0),
  };
}

test.beforeEach(async ({ page }) => {
  await signInAs(page, "analyst");
});

test("shows the entity, the exact balance and every counterparty", async ({ page }) => {
  const want = subject();
  await page.goto(`/addresses/${want.address}`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("address-balance")).toHaveAttribute("data-wei", want.total.toString(), {
      timeout: 1_000,
    });
  }).toPass({ timeout: 240_000, intervals: [1_000, 2_000, 5_000] });
  await expect(page.getByTestId("address-value")).toHaveText(want.address);
  for (const c of want.perChain) {
    await expect(page.getByTestId(`address-entity-${c.chainId}`)).toContainText(ENTITY);
    await expect(page.getByTestId(`address-entity-${c.chainId}`)).toContainText("Pakistan");
  }
  // Fewer legs than the default window's 1,000: it is the whole history, and says so.
  expect(want.legs).toBeLessThan(1000);
  await expect(page.getByTestId("address-window-label")).toHaveText(
    `Showing the whole history (all ${formatInt(want.legs)} transfers in or out).`,
  );
  await expect(page.getByTestId("address-opening")).toHaveAttribute("data-wei", "0");
  await expect(page.getByTestId("address-closing")).toHaveAttribute("data-wei", want.total.toString());
  const table = page.getByTestId("counterparties-table");
  await expect(table.getByRole("status")).toContainText(`of ${formatInt(want.counterparties)}`);
  await expect(page.locator("#address-balance")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "address");
});

test("lists the monitoring alerts that involve the address (the sanctioned one: rule R1)", async ({
  page,
}) => {
  const sanctioned = demoNetwork().registry.sanctioned.toLowerCase();
  await page.goto(`/addresses/${sanctioned}`);
  // Monitoring evaluates in the background as batches land: reload until it has.
  await expect(async () => {
    await page.reload();
    await expect(page.locator('[data-testid="address-alert-row"][data-rule="R1"]').first()).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 120_000, intervals: [1_000, 2_000, 5_000] });
  const rules = await page
    .getByTestId("address-alert-row")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-rule")));
  // Both planted chains have their own sanctioned-counterparty pattern; nothing but R1 names this address.
  expect(new Set(rules)).toEqual(new Set(["R1"]));
  expect(rules.length).toBeGreaterThanOrEqual(2);
});

test("lists the admin actions on a frozen account: the issuer admin froze it through the governor", async ({
  page,
}) => {
  const [first] = demoNetwork().plans;
  if (!first) throw new Error("no chain");
  const { chainId, plan } = first;
  const frozen = plan.actions.flatMap((a) => (a.kind === "freeze" ? [a.account.toLowerCase()] : []));
  const account = frozen[0];
  if (!account) throw new Error("the plan freezes no account");
  // Every admin action on it on this chain: its freezes, unfreezes and drains.
  const want = plan.actions.filter(
    (a) =>
      (a.kind === "freeze" || a.kind === "unfreeze" || a.kind === "drain") &&
      a.account.toLowerCase() === account,
  );
  await page.goto(`/addresses/${account}?chain=${chainId}`);
  const rows = page
    .getByRole("table", { name: "Admin actions involving this address" })
    .getByTestId("address-admin-event-row");
  await expect(async () => {
    await page.reload();
    await expect(rows).toHaveCount(want.length, { timeout: 1_000 });
  }).toPass({ timeout: 240_000, intervals: [1_000, 2_000, 5_000] });
  const freeze = rows.filter({ hasText: "Account frozen" }).first();
  await expect(freeze).toContainText("acted upon");
  await expect(freeze.getByRole("link", { name: plan.admin.toLowerCase() })).toBeVisible();
  await expect(freeze).toContainText("via governor");
  await expect(freeze.getByRole("link", { name: plan.governor.toLowerCase() })).toBeVisible();
});

test("the chain filter narrows the figures and lives in the URL", async ({ page }) => {
  const want = subject();
  const [first] = want.perChain;
  if (!first) throw new Error("no chain");
  await page.goto(`/addresses/${want.address}?chain=${first.chainId}`);
  await expect(page.getByTestId("address-balance")).toHaveAttribute("data-wei", first.balance.toString());
  await page.reload();
  await expect(page.getByTestId("address-balance")).toHaveAttribute("data-wei", first.balance.toString());
  await expect(page.getByLabel("Chain")).toHaveValue(String(first.chainId));
});

test("the history window lives in the URL: a quiet week holds the balance, the whole history has it all", async ({
  page,
}) => {
  const want = subject();
  // The demo ends on 2026-06-30, more than 7 days before the clock of any run of this suite.
  await page.goto(`/addresses/${want.address}?window=7d`);
  const windows = page.getByRole("navigation", { name: "History window" });
  await expect(windows.getByRole("link", { name: "7 days" })).toHaveAttribute("aria-current", "true");
  await expect(page.getByTestId("address-window-label")).toContainText("Showing the last 7 UTC days (since ");
  await expect(page.getByTestId("address-opening")).toHaveAttribute("data-wei", want.total.toString());
  await expect(page.getByTestId("address-closing")).toHaveAttribute("data-wei", want.total.toString());
  await expect(page.getByTestId("counterparties-table")).toContainText("No counterparties");
  await windows.getByRole("link", { name: "Whole history (slower)" }).click();
  await expect(page).toHaveURL(/[?&]window=all(&|$)/);
  await expect(page.getByTestId("address-window-label")).toHaveText("Showing the whole history.");
  await expect(page.getByTestId("address-opening")).toHaveAttribute("data-wei", "0");
  await expect(page.getByTestId("counterparties-table").getByRole("status")).toContainText(
    `of ${formatInt(want.counterparties)}`,
  );
  const bad = await page.goto(`/addresses/${want.address}?window=forever`);
  expect(bad?.status()).toBe(200);
  await expect(page.getByTestId("view-params-error")).toContainText('Unknown window "forever"');
});

test("a malformed or unknown address is explained, never a 500", async ({ page }) => {
  const bad = await page.goto("/addresses/0x1234");
  expect(bad?.status()).toBe(200);
  await expect(page.getByTestId("view-params-error")).toContainText("0x followed by 40 hexadecimal digits");
  const sql = await page.goto(`/addresses/${encodeURIComponent("0x' or 1=1 --")}`);
  expect(sql?.status()).toBe(200);
  await expect(page.getByTestId("view-params-error")).toBeVisible();
  // The segment streams (loading.tsx), so the not-found page arrives with the shell's 200.
  const unknown = await page.goto(`/addresses/0x${"ab".repeat(20)}`);
  expect(unknown?.status()).toBeLessThan(500);
  await expect(page.getByTestId("address-unknown")).toContainText("No indexed transfer touches this address");
});
