// The Lists page against the seeded demo: an admin imports an OFAC-format list naming a wallet
// that transacted in the seeded history, R1 flags it (the import re-checks history: the demo runs
// with --no-live, so no new transfer would), the list's entries and history are shown, and
// retiring it withdraws the untouched alert. A bad file is refused with its row errors and the
// lists table does not change.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./fixtures/auth";
import { demoNetwork, planTransfers, ZERO_ADDRESS } from "./fixtures/demo-corridors";
import { expectNoSeriousA11yViolations, waitForSettledHistory } from "./fixtures/views";

const LIST = "OFAC SDN (e2e)";
const FIXTURE = fs.readFileSync(path.resolve("lib/monitoring/lists/testing/sdn-fixture.xml"), "utf8");
const FIXTURE_FIRST_ETH = "0x16C70AE05E8ED9F71B1FD612985C9716F72AE3D6";

/**
 * An unattributed wallet with a single transfer in the plan, unlisted, whose counterparty is the
 * quietest such (fewest one-hop alerts when it is listed).
 */
function quietWallet(): string {
  const network = demoNetwork();
  const known = new Set(network.registry.addresses.map((a) => a.address.toLowerCase()));
  const transfers = planTransfers(network).filter((t) => t.from !== ZERO_ADDRESS && t.to !== ZERO_ADDRESS);
  const seen = new Map<string, number>();
  for (const t of transfers) for (const a of [t.from, t.to]) seen.set(a, (seen.get(a) ?? 0) + 1);
  const candidates = transfers.flatMap((t) =>
    [
      [t.from, t.to],
      [t.to, t.from],
    ].filter(([a]) => !known.has(a!) && seen.get(a!) === 1),
  ) as [string, string][];
  candidates.sort(([a, ca], [b, cb]) => (seen.get(ca) ?? 0) - (seen.get(cb) ?? 0) || a.localeCompare(b));
  const pick = candidates[0]?.[0];
  if (!pick) throw new Error("the demo plan has no single-transfer unattributed wallet");
  return pick;
}

const TARGET = quietWallet();
// The fixture's first ETH id becomes the demo wallet (upper-case hex: the import lower-cases it).
const SDN = Buffer.from(FIXTURE.replace(FIXTURE_FIRST_ETH, `0x${TARGET.slice(2).toUpperCase()}`));
const SDN_SHA = createHash("sha256").update(SDN).digest("hex");

async function liveR1For(page: Page, address: string, severity = "") {
  await page.goto(`/alerts?rule=R1&q=${address}${severity ? `&severity=${severity}` : ""}`);
  return page.getByTestId("alerts-total");
}

async function upload(
  page: Page,
  file: { name: string; mimeType: string; buffer: Buffer },
  list: string,
  format: string,
) {
  const form = page.getByRole("form", { name: "Import a list" });
  await form.getByLabel("List file").setInputFiles(file);
  await form.getByLabel("List name").fill(list);
  await form.getByLabel("Format").selectOption({ label: format });
  await form.getByRole("button", { name: "Import" }).click();
}

test.describe("as an admin", () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, "admin");
  });

  test("imports an OFAC list; R1 flags the listed wallet in history; retiring it withdraws the alert", async ({
    page,
  }) => {
    await waitForSettledHistory(page);
    await expect(await liveR1For(page, TARGET)).toHaveAttribute("data-count", "0");

    await page.goto("/lists");
    await expect(page.getByRole("heading", { name: "Lists", level: 1 })).toBeVisible();
    await upload(
      page,
      { name: "sdn.xml", mimeType: "application/xml", buffer: SDN },
      LIST,
      "OFAC SDN XML (sdn.xml)",
    );
    const outcome = page.getByTestId("list-import-outcome");
    await expect(outcome).toHaveAttribute("role", "status", { timeout: 60_000 });
    await expect(outcome).toContainText(`Imported ${LIST}: 3 entries (replacing 0); 2 non-EVM ids skipped.`);
    await expect(outcome).toContainText(/History re-checked under R1: \d+ alerts? raised/);
    await expect(outcome).toContainText(`SHA-256 ${SDN_SHA}`);

    const row = page.getByTestId("list-row").filter({ has: page.getByRole("link", { name: LIST }) });
    await expect(row).toContainText("OFAC SDN XML (sdn.xml)");
    await expect(row).toContainText("2026-11-20");
    await expect(row).toContainText("admin@demo.local · sdn.xml");
    await expect(row).toContainText(`${SDN_SHA.slice(0, 16)}…`);
    await expect(row.getByTestId("list-entry-count")).toContainText("3");
    await expect(row.getByTestId("list-status")).toHaveText("In force");
    await expectNoSeriousA11yViolations(page);

    // The direct hit: one transfer, one severe R1 alert about the wallet.
    await expect(async () => {
      await expect(await liveR1For(page, TARGET, "severe")).toHaveAttribute("data-count", "1", {
        timeout: 1_000,
      });
    }).toPass({ timeout: 60_000, intervals: [1_000, 2_000, 5_000] });
    await expect(
      page.getByTestId("alerts-table").locator(`a[href="/addresses/${TARGET}"]`).first(),
    ).toBeVisible();

    await page.goto("/lists");
    await page.getByRole("link", { name: LIST }).click();
    await expect(page.getByRole("heading", { name: LIST, level: 1 })).toBeVisible();
    const entries = page.getByTestId("list-entries");
    await expect(entries.getByRole("row")).toHaveCount(3);
    const entry = entries.getByRole("row").filter({ hasText: TARGET });
    await expect(entry).toContainText("every chain");
    await expect(entry).toContainText(
      "NORTHWIND MIXING SERVICE (SDN uid 90001; CYBER2; Digital Currency Address - ETH)",
    );
    await expect(page.getByTestId("list-history").getByRole("row").first()).toContainText(SDN_SHA);

    await page.goto("/lists");
    await row.getByRole("button", { name: `Retire ${LIST}` }).click();
    await row.getByLabel(`Why is ${LIST} retired?`).fill("e2e: the list was imported for a test");
    await row.getByRole("button", { name: "Retire list" }).click();
    await expect(row.getByTestId("list-status")).toHaveText("Retired", { timeout: 60_000 });
    await expect(row).toContainText("e2e: the list was imported for a test");
    await expect(await liveR1For(page, TARGET)).toHaveAttribute("data-count", "0");
  });

  test("a bad list file is refused with its row errors and the lists table is unchanged", async ({
    page,
  }) => {
    await page.goto("/lists");
    const table = page.getByTestId("lists-table");
    const before = (await table.textContent()) ?? "";

    const csv = [
      "chain_id,address,reference",
      `,${TARGET},fine`,
      "31337,0x1234,short",
      `abc,${TARGET},bad chain`,
    ];
    await upload(
      page,
      { name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(csv.join("\n")) },
      "Bad list (e2e)",
      "CSV (address, chain_id, list_name, reference)",
    );
    const outcome = page.getByTestId("list-import-outcome");
    await expect(outcome).toContainText(
      "Nothing was imported: 2 errors in bad.csv. Fix them and upload the file again.",
    );
    const rows = outcome.getByTestId("list-import-errors").locator("tbody tr");
    await expect(rows).toHaveText([
      /^line 3\s*address: must be a 0x-prefixed 20-byte address$/,
      /^line 4\s*chain_id: must be a positive chain id, or empty for every chain$/,
    ]);

    const badSdn = Buffer.from(
      SDN.toString("utf8").replace("0x8b7436e2723c8d2ddf1b73c640f69c59c6fa5f51", "0x8b74"),
    );
    await upload(
      page,
      { name: "sdn-bad.xml", mimeType: "application/xml", buffer: badSdn },
      LIST,
      "Detect from the file",
    );
    await expect(outcome).toContainText("Nothing was imported: 1 error in sdn-bad.xml.");
    await expect(rows).toHaveText([
      /^sdnEntry uid 90001\s*Digital Currency Address - ETH "0x8b74": must be a 0x-prefixed 20-byte address$/,
    ]);

    await page.reload();
    await expect(table).toHaveText(before);
    await expect(page.getByRole("link", { name: "Bad list (e2e)" })).toHaveCount(0);
  });
});

test("an analyst has no Lists page", async ({ page }) => {
  await signInAs(page, "analyst");
  await expect(page.getByRole("link", { name: "Lists" })).toHaveCount(0);
  const res = await page.goto("/lists");
  expect(res?.status()).toBe(403);
});
