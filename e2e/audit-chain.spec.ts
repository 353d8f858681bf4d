// The audit log's hash chain on /admin/audit: the latest rows checked on every visit, the whole
// chain on request, the head hash shown for recording elsewhere.
import { expect, test } from "@playwright/test";
import { signInAs } from "./fixtures/auth";
import { csvRecords, download } from "./fixtures/downloads";

test("admin sees the audit chain intact, recent and whole, with its head hash", async ({ page }) => {
  // Signing in writes an audit row: the chain has at least one.
  await signInAs(page, "admin");
  await page.goto("/admin/audit");
  const chain = page.getByRole("region", { name: "Hash chain" });
  await expect(chain.getByText("Intact", { exact: true })).toBeVisible();
  await expect(chain.getByTestId("audit-chain-head")).toHaveText(/^[0-9a-f]{64}$/);
  // The demo's log is shorter than the recent window, so the visit already covers all of it.
  await expect(chain).toContainText(/Checked (the whole chain|the latest)/);

  await chain.getByRole("link", { name: "Verify whole chain" }).click();
  await expect(page).toHaveURL(/chain=full/);
  await expect(chain).toContainText("Checked the whole chain");
  await expect(chain.getByText("Intact", { exact: true })).toBeVisible();
  await expect(chain.getByRole("link", { name: "Verify whole chain" })).toHaveCount(0);
});

test("admin exports the audit log: chain order, each row's hashes, the head shown on the page", async ({
  page,
}) => {
  await signInAs(page, "admin");
  await page.goto("/admin/audit?action=auth.sign_in");
  const head = await page.getByTestId("audit-chain-head").textContent();
  const link = page.getByTestId("audit-export-csv");
  await expect(link).toHaveAttribute("href", "/api/exports/audit?action=auth.sign_in&format=csv");
  const file = await download(page.request, (await link.getAttribute("href")) ?? "");
  const rows = csvRecords(file.body);
  expect(rows.length).toBeGreaterThan(0);
  expect(new Set(rows.map((r) => r.action))).toEqual(new Set(["auth.sign_in"]));
  const seqs = rows.map((r) => Number(r.seq));
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  for (const r of rows) {
    expect(r.row_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.prev_hash).toMatch(/^[0-9a-f]{64}$/);
  }
  // Nothing is audited between the admin's sign-in (the chain's head) and the export: the file
  // carries the page's head, which is the last exported row.
  expect(new Set(rows.map((r) => `${r.chain_head_seq} ${r.chain_head_hash}`))).toEqual(
    new Set([`${Math.max(...seqs)} ${head}`]),
  );
  expect(rows.at(-1)!.row_hash).toBe(head);

  // Whoever does not read the audit log cannot export it.
  const officer = await page
    .context()
    .browser()!
    .newContext({ baseURL: new URL(page.url()).origin });
  const officerPage = await officer.newPage();
  await signInAs(officerPage, "compliance");
  expect((await officerPage.request.get("/api/exports/audit?format=csv")).status()).toBe(403);
  await officer.close();
});
