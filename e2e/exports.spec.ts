// Every export kind against the seeded demo, downloaded as a compliance officer and read back:
// CSV rows and a known row, the XLSX opened with exceljs, the corridor and supply figures the
// views show, the monthly PDF's text, the goAML XML against its schema, formula labels made
// inert, the audit record of a download, and the 401/403 of every export route.
import fs from "node:fs";
import ExcelJS from "exceljs";
import { expect, request as playwrightRequest, test, type Browser, type Page } from "@playwright/test";
import type { Address } from "viem";
import { ROUTE_ACCESS, type RouteAccess } from "@/lib/auth/route-access";
import { demoNetworkPlan } from "@/lib/demo/network-plan";
import { computeGroundTruth } from "@/lib/demo/simulator/ground-truth";
import type { Plan } from "@/lib/demo/simulator/types";
import { formatUsd1 } from "@/lib/format";
import { DRAFT_REASON_PREFIX } from "@/lib/reports/goaml/builder";
import { sameOrigin, signInAs, signInRequest, type DemoAccount } from "./fixtures/auth";
import { demoNetwork, expectedCorridor, planTransfers, settledDays } from "./fixtures/demo-corridors";
import { caseEvidenceTxs } from "./fixtures/demo-cases";
import { E2E_DEMO } from "./fixtures/demo-params";
import { fileableGoamlSettings } from "./fixtures/goaml";
import {
  csvRecords,
  download,
  goamlSchemaErrors,
  pdfText,
  sha256,
  usd1Of,
  workbook,
} from "./fixtures/downloads";
import { expectNoSeriousA11yViolations, screenshot, waitForSettledHistory } from "./fixtures/views";

const CHAIN = 31337;
const RUN = Date.now().toString(36);

async function pageAs(browser: Browser, who: DemoAccount): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, who);
  return page;
}

/** Supply at the end of a UTC day: the plan's actions before the next midnight. */
function supplyAtEndOf(plan: Plan, day: string): bigint {
  const end = Date.parse(`${day}T00:00:00Z`) / 1000 + 86_400;
  const upTo = plan.actions.findIndex((a) => a.ts >= end);
  return computeGroundTruth(plan, upTo === -1 ? plan.actions.length : upTo).totalSupply;
}

test.describe("as a compliance officer", () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, "compliance");
    await waitForSettledHistory(page);
  });

  test("transactions CSV and XLSX hold exactly the view's rows, and the download is on record", async ({
    page,
  }) => {
    const burns = planTransfers().filter((t) => t.chainId === CHAIN && t.kind === "burn");
    expect(burns.length).toBeGreaterThan(0);
    await page.goto(`/transactions?chain=${CHAIN}&kind=burn&size=10`);
    await expect(page.getByTestId("transactions-total")).toHaveAttribute("data-count", String(burns.length));
    // The newest row of the view: its hash, log index and exact amount.
    const first = page.locator("[data-testid=transactions-table] tbody tr").first();
    const title = (await first.locator("span[title*='(log ']").getAttribute("title")) ?? "";
    const [, txHash, logIndex] = /^(0x[0-9a-f]{64}) \(log (\d+),/.exec(title) ?? [];
    const wei = BigInt((await first.locator("[data-wei]").first().getAttribute("data-wei")) ?? "-1");

    const csvLink = page.getByTestId("transactions-export-csv");
    await expect(csvLink).toHaveAttribute(
      "href",
      `/api/exports/transactions?chain=${CHAIN}&kind=burn&format=csv`,
    );
    await expect(csvLink).toContainText(`(${burns.length} rows)`);
    const csv = await download(page.request, (await csvLink.getAttribute("href")) ?? "");
    expect(csv.res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    const records = csvRecords(csv.body);
    expect(records).toHaveLength(burns.length);
    expect(new Set(records.map((r) => r.export_id))).toEqual(new Set([csv.exportId]));
    expect(records.reduce((s, r) => s + BigInt(r.amount_wei ?? ""), 0n)).toBe(
      burns.reduce((s, t) => s + t.amount, 0n),
    );
    const known = records.find((r) => r.tx_hash === txHash && r.log_index === logIndex);
    expect(known).toMatchObject({ chain_id: String(CHAIN), kind: "burn", amount_wei: wei.toString() });
    expect(known?.amount_usd1).toBe(usd1Of(wei));

    const xlsx = await download(
      page.request,
      (await page.getByTestId("transactions-export-xlsx").getAttribute("href")) ?? "",
    );
    const wb = await workbook(xlsx.body);
    const ws = wb.getWorksheet("Transactions");
    expect(ws?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const header = (ws?.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(Object.keys(records[0] ?? {}));
    expect(ws?.actualRowCount).toBe(burns.length + 1);
    const col = (name: string) => header.indexOf(name) + 1;
    const row = ws?.getRows(2, burns.length)?.find((r) => r.getCell(col("tx_hash")).value === txHash);
    expect(row?.getCell(col("export_id")).value).toBe(xlsx.exportId);
    expect(row?.getCell(col("chain_id")).value).toBe(CHAIN);
    expect(row?.getCell(col("block_time_utc")).value).toBeInstanceOf(Date);
    // Money is exact text (a spreadsheet number keeps 15 digits), the same in both formats.
    expect(row?.getCell(col("amount_wei")).value).toBe(wei.toString());
    expect(row?.getCell(col("amount_usd1")).value).toBe(usd1Of(wei));
    const filter = new Map(
      wb
        .getWorksheet("Filter")
        ?.getRows(1, 20)
        ?.map((r) => [r.getCell(1).text, r.getCell(2).text]),
    );
    expect(filter.get("Export id")).toBe(xlsx.exportId);
    expect(filter.get("Rows")).toBe(String(burns.length));
    expect(filter.get("kind")).toBe("burn");
    expect(filter.get("chainId")).toBe(String(CHAIN));

    // The reports page lists both downloads with the SHA-256 of exactly these bytes.
    await page.goto("/reports");
    for (const d of [csv, xlsx]) {
      await expect(
        page.locator(`[data-testid=recent-export][data-export-id="${d.exportId}"]`),
      ).toHaveAttribute("data-sha256", d.sha256);
    }
  });

  test("the corridor matrix CSV has the view's figures", async ({ page }) => {
    const { fromDay, toDay } = settledDays();
    const want = expectedCorridor("AE", "PK", fromDay, toDay);
    await page.goto(`/corridors?from=${fromDay}&to=${toDay}&c.page=2`);
    const cell = page.getByTestId("corridor-cell-AE-PK");
    await expect(cell).toHaveAttribute("data-wei", want.adjustedVolume.toString());
    const link = page.getByTestId("corridors-export-csv");
    // The view's table state (c.page) is not part of the matrix.
    await expect(link).toHaveAttribute(
      "href",
      `/api/exports/corridors?from=${fromDay}&to=${toDay}&format=csv`,
    );
    const csv = await download(page.request, (await link.getAttribute("href")) ?? "");
    const row = csvRecords(csv.body).find((r) => r.origin_country === "AE" && r.destination_country === "PK");
    expect(row).toMatchObject({
      export_id: csv.exportId,
      transfer_count: String(want.transferCount),
      volume_wei: want.volume.toString(),
      adjusted_count: String(want.adjustedCount),
      adjusted_volume_wei: want.adjustedVolume.toString(),
      adjusted_volume_usd1: usd1Of(want.adjustedVolume),
      intra_entity_volume_wei: want.intraEntityVolume.toString(),
      bridge_volume_wei: want.bridgeVolume.toString(),
    });
  });

  test("the supply series CSV has the view's days and closing supply", async ({ page }) => {
    const bnb = demoNetwork().plans.find((p) => p.chainId === 31338);
    if (!bnb) throw new Error("no BNB chain in the demo");
    const [from, to] = ["2026-06-12", "2026-06-20"];
    await page.goto(`/supply?chain=31338&from=${from}&to=${to}`);
    const history = page.locator("#supply-history table tbody tr");
    await expect(history).toHaveCount(9);
    const link = page.getByTestId("supply-export-csv");
    await expect(link).toHaveAttribute(
      "href",
      `/api/exports/supply?chain=31338&from=${from}&to=${to}&format=csv`,
    );
    const records = csvRecords((await download(page.request, (await link.getAttribute("href")) ?? "")).body);
    expect(records.map((r) => r.day)).toEqual(await history.locator("th").allTextContents());
    expect(new Set(records.map((r) => r.chain_id))).toEqual(new Set(["31338"]));
    for (const [i, r] of records.entries()) {
      await expect(history.nth(i).locator("td [data-wei]").last()).toHaveAttribute(
        "data-wei",
        r.closing_supply_wei ?? "",
      );
    }
    expect(records.at(-1)?.closing_supply_wei).toBe(supplyAtEndOf(bnb.plan, to).toString());
  });

  test("the monthly PDF states the period and the supply the supply view shows, and is on record", async ({
    page,
  }) => {
    const network = demoNetworkPlan(E2E_DEMO);
    const total = network.plans.reduce((a, p) => a + computeGroundTruth(p.plan).totalSupply, 0n);
    await page.goto("/supply");
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("supply-total")).toHaveAttribute("data-wei", total.toString(), {
        timeout: 1_000,
      });
    }).toPass({ timeout: 240_000, intervals: [1_000, 2_000, 5_000] });
    const shown = (await page.getByTestId("supply-total").textContent()) ?? "";
    expect(shown).toBe(formatUsd1(total));

    await page.goto("/reports");
    await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, "reports");
    const form = page.getByTestId("monthly-report-form");
    // The last complete month with data: the demo ends on 2026-06-30.
    await expect(form.getByLabel("Month (UTC)")).toHaveValue("2026-06");
    const pending = page.waitForEvent("download");
    await form.getByRole("button", { name: "Download PDF" }).click();
    const file = await pending;
    const exportId = /EX-[0-9A-Z-]{14}/.exec(file.suggestedFilename())?.[0] ?? "";
    expect(file.suggestedFilename()).toMatch(/^usd1-monthly-report-\d{8}T\d{6}Z-EX-.+\.pdf$/);
    const bytes = fs.readFileSync(await file.path());
    const text = await pdfText(bytes);
    expect(text).toContain("Period: June 2026 (2026-06-01 to 2026-06-30, UTC)");
    expect(text).toContain(`supply ${shown}`);
    expect(text).toContain(`Export id ${exportId}`);

    // Found by the id printed in its footer: who made it, and the SHA-256 of these bytes.
    await page.goto(`/reports?export=${exportId.toLowerCase()}`);
    const details = page.getByTestId("export-details");
    await expect(details).toHaveAttribute("data-export-id", exportId);
    await expect(details).toContainText("compliance@demo.local (compliance_officer)");
    await expect(details).toContainText('"month": "2026-06"');
    await expect(page.getByTestId("export-details-sha256")).toHaveText(sha256(bytes));

    // A month without data still gives a report that says so; a future month is refused.
    const empty = await download(page.request, "/api/exports/monthly-report?month=2000-01");
    const emptyText = await pdfText(empty.body);
    expect(emptyText).toContain("Period: January 2000 (2000-01-01 to 2000-01-31, UTC)");
    expect(emptyText).toContain("No attributed corridor volume in the period.");
    const future = await page.request.get("/api/exports/monthly-report?month=2099-01");
    expect(future.status()).toBe(400);
    expect(await future.text()).toContain("month is in the future");
  });
});

test("=HYPERLINK in a registry name comes out inert in CSV and XLSX", async ({ browser }) => {
  const FORMULA = '=HYPERLINK("http://evil.example","x")';
  // The attributed address on the local chain with the fewest transfers: its entity is renamed.
  const transfers = planTransfers();
  const touching = (a: string) => transfers.filter((t) => t.from === a || t.to === a).length;
  // Cells naming the entity: each side of a local-chain transfer that is this address.
  const sides = (a: string) =>
    transfers
      .filter((t) => t.chainId === CHAIN)
      .reduce((n, t) => n + Number(t.from === a) + Number(t.to === a), 0);
  const candidates = demoNetwork()
    .registry.addresses.filter((r) => r.chainId === CHAIN && r.entityName)
    .map((r) => {
      const address = r.address.toLowerCase() as Address;
      return { address, entity: r.entityName!, n: touching(address), sides: sides(address) };
    })
    .filter((c) => c.sides > 0)
    .sort((a, b) => a.n - b.n);
  const target = candidates[0];
  if (!target) throw new Error("no attributed address with transfers in the demo");

  const admin = await pageAs(browser, "admin");
  await admin.goto(`/registry?q=${encodeURIComponent(target.entity)}`);
  await admin.getByRole("link", { name: target.entity, exact: true }).click();
  await expect(admin.getByRole("heading", { level: 1, name: target.entity })).toBeVisible();
  const entityUrl = admin.url();
  const rename = async (name: string) => {
    await admin.goto(entityUrl);
    const edit = admin.getByRole("form", { name: "Edit the entity" });
    await edit.getByLabel("Name").fill(name);
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(admin.getByTestId("edit-entity-outcome")).toHaveText(`Saved ${name}.`);
  };
  await rename(FORMULA);
  try {
    const officer = await pageAs(browser, "compliance");
    const href = (format: string) => `/api/exports/transactions?q=${target.address}&format=${format}`;
    const csv = await download(officer.request, href("csv"));
    const records = csvRecords(csv.body);
    expect(records).toHaveLength(target.n);
    const cells = records
      .filter((r) => r.chain_id === String(CHAIN))
      .flatMap((r) => [
        ...(r.from_address === target.address ? [r.from_entity] : []),
        ...(r.to_address === target.address ? [r.to_entity] : []),
      ]);
    expect(cells).toHaveLength(target.sides);
    expect(new Set(cells)).toEqual(new Set([`'${FORMULA}`]));
    // No field of the raw file starts with "=" (RFC 4180 quoting doubles the inner quotes).
    expect(csv.body.toString("utf8")).not.toMatch(/(^|,)"?=/m);
    expect(csv.body.toString("utf8")).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);

    const wb = await workbook((await download(officer.request, href("xlsx"))).body);
    const ws = wb.getWorksheet("Transactions");
    const header = (ws?.getRow(1).values as unknown[]).slice(1);
    const cell = (r: ExcelJS.Row, name: string) => r.getCell(header.indexOf(name) + 1);
    const entityCells = (ws?.getRows(2, target.n) ?? [])
      .filter((r) => cell(r, "chain_id").value === CHAIN)
      .flatMap((r) =>
        ["from", "to"]
          .filter((side) => cell(r, `${side}_address`).value === target.address)
          .map((side) => cell(r, `${side}_entity`)),
      );
    expect(entityCells).toHaveLength(target.sides);
    for (const c of entityCells) {
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.value).toBe(`'${FORMULA}`);
    }
    ws?.eachRow((r) => r.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
  } finally {
    await rename(target.entity);
  }
});

test("goAML XML of an escalated case: a valid draft, one transaction per evidence transfer", async ({
  browser,
}) => {
  const reason = `E2E ${RUN}: funds moved on within minutes, in amounts below the reporting threshold.`;
  const analyst = await pageAs(browser, "analyst");
  await analyst.goto("/alerts?status=open&size=100");
  // Admin-event alerts (R10) have no transfer to report, and market alerts (R13 reserves, R14 peg)
  // never go in a goAML report.
  const rows = analyst
    .getByTestId("alerts-table")
    .locator("tbody tr")
    .filter({ hasNot: analyst.locator("[data-rule=R10], [data-rule=R13], [data-rule=R14]") });
  await expect(rows.nth(1)).toBeVisible();
  const hrefOf = async (i: number) =>
    (await rows.nth(i).getByTestId("alert-link").getAttribute("href")) ?? "";
  const caseHref = await hrefOf(0);
  const openHref = await hrefOf(1);
  await analyst.goto(caseHref);
  const decide = analyst.getByRole("form", { name: "Decide the case" });
  await decide.getByLabel("Reason").fill(reason);
  await decide.getByRole("button", { name: "Escalate", exact: true }).click();
  // The case re-renders as escalated (the decision form goes: an escalator cannot also file).
  await expect(analyst.getByTestId("alert-status-reason")).toHaveText(reason);

  const officer = await pageAs(browser, "compliance");
  // The placeholders' country for an unattributed wallet ("-") is no ISO code: set real settings.
  await fileableGoamlSettings(officer);
  const rentityId = await officer.getByLabel("Reporting entity id").inputValue();
  await officer.goto(caseHref);
  const txs = await caseEvidenceTxs(officer);
  expect(txs.length).toBeGreaterThan(0);
  await expect(officer.getByTestId("goaml-judge")).toContainText("the built-in goAML 5.0.1 schema");
  const link = officer.getByTestId("alert-goaml-export");
  const alertId = caseHref.split("/").pop();
  await expect(link).toHaveAttribute("href", `/api/exports/goaml?alert=${alertId}`);
  await expect(link).toHaveAttribute("data-mode", "draft");
  const file = await download(officer.request, (await link.getAttribute("href")) ?? "");
  expect(file.res.headers()["content-type"]).toBe("application/xml; charset=utf-8");
  const xml = file.body.toString("utf8");
  expect(await goamlSchemaErrors(xml)).toEqual([]);
  const numbers = [...xml.matchAll(/<transactionnumber>([^<]+)<\/transactionnumber>/g)].map((m) => m[1]);
  expect(numbers).toHaveLength(txs.length);
  expect(new Set(numbers).size).toBe(txs.length);
  expect([...xml.matchAll(/transaction hash (0x[0-9a-f]{64}),/g)].map((m) => m[1])).toEqual(txs);
  expect(xml).toContain(`<rentity_id>${rentityId}</rentity_id>`);
  expect(xml).toContain(`<entity_reference>${file.exportId}-DRAFT</entity_reference>`);
  expect(xml).toContain(`<reason>${DRAFT_REASON_PREFIX}\n\n${reason}</reason>`);

  // A case still open is not reported; an unknown alert is not found.
  const open = await officer.request.get(
    `/api/exports/goaml?alert=${alertId}&alert=${openHref.split("/").pop()}`,
  );
  expect(open.status()).toBe(409);
  expect(await open.text()).toContain("Only escalated or reported alerts can be reported to the FIU");
  expect((await officer.request.get("/api/exports/goaml?alert=999999999")).status()).toBe(404);
});

test("every export route refuses analysts and admins (403) and anonymous callers (401)", async ({
  baseURL,
}) => {
  const routes = (ROUTE_ACCESS as readonly RouteAccess[]).filter(
    (e) => e.access === "exports:create" && e.kind === "api",
  );
  expect(routes.map((r) => r.route)).toEqual(
    expect.arrayContaining(
      ["transactions", "alerts", "corridors", "supply", "monthly-report", "goaml"].map(
        (n) => `/api/exports/${n}`,
      ),
    ),
  );
  for (const [who, status] of [
    ["analyst", 403],
    ["admin", 403],
    [null, 401],
  ] as const) {
    const api = await playwrightRequest.newContext({ baseURL });
    if (who) await signInRequest(api, who, baseURL);
    for (const entry of routes) {
      for (const sample of entry.samples ?? [{ method: "GET" as const, path: entry.route }]) {
        const res = await api.fetch(sample.path, { method: sample.method, headers: sameOrigin(baseURL) });
        expect(res.status(), `${sample.path} as ${who ?? "anonymous"}`).toBe(status);
        expect(res.headers()["x-export-id"]).toBeUndefined();
      }
    }
    await api.dispose();
  }
});
