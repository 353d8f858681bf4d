// The audit log's hash chain on /admin/audit: the latest rows checked on every visit, the whole
// chain on request, the head hash shown for recording elsewhere.
import { expect, test } from "@playwright/test";
import { signInAs } from "./fixtures/auth";

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
