// The case workflow against the seeded demo, as people use it: an analyst notes, reviews and
// escalates; a second compliance officer files the STR; an officer cannot file his own escalation
// (neither through the page nor by calling the action directly); a dismissal needs a reason.
//
// Which alerts: R9's standing cases (one per flagged entity across chains, e2e/fixtures/demo-cases.ts
// computes them from the simulator's plan). Each test takes the open, unassigned case of its own
// entity: the first three entities in the order their cases opened, leaving out the one
// e2e/goaml.spec.ts takes (goamlR9Case); other specs that need open alerts take other rules' (the
// newest first).
import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { formatInt } from "@/lib/format";
import { FOUR_EYES_MESSAGE } from "@/lib/monitoring/workflow";
import { demoAccount, sameOrigin, signedInPages, type DemoAccount } from "./fixtures/auth";
import { caseEvidenceTxs, findCase, workflowR9Cases, type ExpectedR9Case } from "./fixtures/demo-cases";
import { fileableGoamlSettings } from "./fixtures/goaml";
import { expectNoSeriousA11yViolations, screenshot } from "./fixtures/views";

const RULE = "R9";
const [CASE_1, CASE_2, CASE_3] = workflowR9Cases();

/** The open, unassigned R9 case of an entity (waits for the monitor). */
async function takeOpenAlert(api: APIRequestContext, c: ExpectedR9Case | undefined): Promise<number> {
  if (!c) throw new Error("the e2e demo has fewer than three R9 standing cases");
  return findCase(
    api,
    `open, unassigned ${RULE} case of ${c.entity}`,
    `rule=${RULE}&status=open&assignee=unassigned`,
    (p) => p.rule === RULE && p.status === "open" && !p.assigned && c.wallets.has(p.subject),
  );
}

const pageAs = signedInPages();

async function openCase(page: Page, id: number) {
  await page.goto(`/alerts/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Alert #${id}: ${RULE}`);
}

async function decide(page: Page, move: string, reason: string) {
  await page.getByLabel("Reason", { exact: true }).fill(reason);
  await page.getByRole("button", { name: move, exact: true }).click();
}

const status = (page: Page) => page.getByTestId("alert-status");
const decisions = (page: Page) => page.locator('[data-testid="alert-history-entry"][data-kind="decision"]');
const userLabel = (who: DemoAccount) => `${demoAccount(who).name} (${demoAccount(who).email})`;

/** The transition-alert action's id in the build the demo serves (as e2e/access-matrix.spec.ts finds it). */
function transitionActionId(): string {
  const file = path.resolve(".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as {
    node: Record<string, { filename?: string }>;
  };
  const hit = Object.entries(manifest.node).find(([, e]) => e.filename === "lib/actions/transition-alert.ts");
  if (!hit) throw new Error("transition-alert is not in the build");
  return hit[0];
}

test("an analyst notes, reviews and escalates; a second compliance officer files the STR", async ({
  browser,
  baseURL,
}) => {
  // The standing case carries every transfer of its entity (210 in the e2e demo) and the test
  // waits for its totals: on a busy machine it outgrows the default 2 minutes.
  test.setTimeout(240_000);
  const analyst = await pageAs(browser, baseURL, "analyst");
  const id = await takeOpenAlert(analyst.request, CASE_1);
  await openCase(analyst, id);
  await expect(status(analyst)).toHaveText("Open");
  await expect(analyst.getByTestId("alert-rule")).toContainText(`${RULE} · Unlicensed counterparty`);
  await expect(analyst.getByTestId("alert-evidence-row").first()).toBeVisible();
  await expect(analyst.getByTestId("alert-party").first()).toBeVisible();
  // The standing case's running totals: every cross-border transfer of the entity on both chains
  // (the monitor may still be catching up when the case first shows).
  const c = CASE_1!;
  await expect(async () => {
    await analyst.reload();
    await expect(analyst.getByTestId("alert-total-transfers")).toHaveText(formatInt(c.transfers), {
      timeout: 1_000,
    });
  }).toPass({ timeout: 240_000, intervals: [2_000, 5_000, 10_000] });
  await expect(analyst.getByTestId("alert-total-amount").locator("[data-wei]")).toHaveAttribute(
    "data-wei",
    c.totalWei.toString(),
  );
  await expect(analyst.getByTestId("alert-total-chains")).toHaveText(
    c.chains.map((chainId) => `Chain ${chainId}`).join(", "),
  );
  // The evidence comes a page at a time (50 rows by default); its pages hold every transfer of the case.
  const pager = analyst.getByTestId("alert-evidence-pager");
  await expect(pager).toHaveAttribute("data-total", String(c.transfers));
  await expect(pager).toHaveAttribute("data-size", "50");
  await expect(pager).toHaveAttribute("data-pages", String(Math.ceil(c.transfers / 50)));
  await expect(analyst.getByTestId("alert-evidence-row")).toHaveCount(Math.min(c.transfers, 50));
  expect(await caseEvidenceTxs(analyst)).toHaveLength(c.transfers);
  await openCase(analyst, id);

  const note = `Alert ${id}: the counterparty's licence is not on the register; asked the desk for KYC.`;
  await analyst.getByLabel("New note").fill(note);
  await analyst.getByRole("button", { name: "Add note" }).click();
  await expect(analyst.getByTestId("alert-note")).toHaveCount(1);
  await expect(analyst.getByTestId("alert-note")).toContainText([note]);
  await expect(analyst.locator('[data-testid="alert-history-entry"][data-kind="note"]')).toContainText([
    userLabel("analyst"),
  ]);
  await expect(analyst.getByLabel("New note")).toHaveValue("");

  await analyst.getByRole("button", { name: "Start review", exact: true }).click();
  await expect(status(analyst)).toHaveText("In review");
  await expect(analyst.getByTestId("alert-assignee")).toHaveText(userLabel("analyst"));

  await decide(analyst, "Escalate", "Weekly cross-border payments to an unlicensed remitter.");
  await expect(status(analyst)).toHaveText("Escalated");
  // Filing is a compliance officer's: the analyst is offered no move at all now.
  await expect(analyst.getByRole("button", { name: "File STR" })).toHaveCount(0);
  await expect(analyst.getByTestId("alert-four-eyes")).toContainText("Escalated by you");
  await expectNoSeriousA11yViolations(analyst);
  await screenshot(analyst, "alert-case-escalated");

  const officer = await pageAs(browser, baseURL, "compliance");
  // Filing is refused on placeholder goAML settings: the officer has entered real ones.
  await fileableGoamlSettings(officer);
  await openCase(officer, id);
  await expect(officer.getByTestId("alert-four-eyes")).toHaveText(
    `Escalated by ${userLabel("analyst")}; filing needs a different compliance officer.`,
  );
  await expect(officer.getByTestId("alert-goaml-export")).toHaveAttribute(
    "href",
    `/api/exports/goaml?alert=${id}`,
  );
  await decide(officer, "File STR", `STR filed with the FMU, reference FMU-E2E-${id}.`);
  await expect(status(officer)).toHaveText("Reported");
  await expect(officer.getByTestId("alert-status-reason")).toHaveText(
    `STR filed with the FMU, reference FMU-E2E-${id}.`,
  );
  await expect(decisions(officer)).toHaveCount(3);
  await expect(decisions(officer)).toContainText([
    `Open → In review${userLabel("analyst")}`,
    `In review → Escalated${userLabel("analyst")}`,
    `Escalated → Reported${userLabel("compliance")}`,
  ]);
  await expect(officer.getByTestId("alert-no-moves")).toContainText("This case is closed (reported)");
  await screenshot(officer, "alert-case-reported");
});

test("four eyes: an officer cannot file his own escalation; a second officer can", async ({
  browser,
  baseURL,
}) => {
  const officer = await pageAs(browser, baseURL, "compliance");
  const id = await takeOpenAlert(officer.request, CASE_2);
  await openCase(officer, id);
  await decide(officer, "Escalate", "Round amounts just under the travel-rule threshold.");
  await expect(status(officer)).toHaveText("Escalated");
  await expect(officer.getByTestId("alert-four-eyes")).toContainText("Escalated by you");

  // The page offers the button (his role may file) and the server refuses it.
  await decide(officer, "File STR", "Filing my own escalation.");
  await expect(officer.getByTestId("alert-workflow-outcome")).toHaveText(FOUR_EYES_MESSAGE);
  await expect(status(officer)).toHaveText("Escalated");

  // Calling the action directly, as a script would, is refused the same way.
  const res = await officer.request.post(`/alerts/${id}`, {
    headers: {
      "next-action": transitionActionId(),
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      ...sameOrigin(baseURL),
    },
    data: JSON.stringify(["$undefined", { alertId: id, to: "reported", reason: "direct call" }]),
  });
  expect(await res.text()).toContain(`"code":"forbidden","message":"${FOUR_EYES_MESSAGE}"`);
  await officer.reload();
  await expect(status(officer)).toHaveText("Escalated");

  const second = await pageAs(browser, baseURL, "compliance2");
  await fileableGoamlSettings(second);
  await openCase(second, id);
  await expect(second.getByTestId("alert-escalated-by")).toHaveText(userLabel("compliance"));
  await decide(second, "File STR", `STR filed, reference FMU-E2E-${id}.`);
  await expect(status(second)).toHaveText("Reported");
  await expect(decisions(second)).toContainText([
    `Open → Escalated${userLabel("compliance")}`,
    `Escalated → Reported${userLabel("compliance2")}`,
  ]);

  // The audit log has the escalation and the filing, and nothing for the refused attempts.
  const admin = await pageAs(browser, baseURL, "admin");
  const rowsFor = async (action: string) => {
    await admin.goto(`/admin/audit?action=${action}&target=${encodeURIComponent(`alert:${id}`)}`);
    return admin
      .getByTestId("audit-row")
      .filter({ has: admin.getByRole("cell", { name: `alert:${id}`, exact: true }) });
  };
  const escalations = await rowsFor("alert.decision");
  await expect(escalations).toHaveCount(1);
  await expect(escalations).toContainText(["compliance@demo.local"]);
  const filings = await rowsFor("report.file");
  await expect(filings).toHaveCount(1);
  await expect(filings).toContainText(["compliance2@demo.local"]);
  // Admins read cases but do not decide them.
  await openCase(admin, id);
  await expect(admin.getByRole("button", { name: "File STR" })).toHaveCount(0);
  await expect(admin.getByLabel("New note")).toHaveCount(0);
});

test("dismissing needs a reason", async ({ browser, baseURL }) => {
  const analyst = await pageAs(browser, baseURL, "analyst");
  const id = await takeOpenAlert(analyst.request, CASE_3);
  await openCase(analyst, id);
  await analyst.getByRole("button", { name: "Dismiss", exact: true }).click();
  await expect(analyst.getByTestId("alert-workflow-outcome")).toHaveText(
    "A reason is required to dismiss the case.",
  );
  await expect(status(analyst)).toHaveText("Open");

  await decide(analyst, "Dismiss", "Licensed in the sending country; registry entry outdated.");
  await expect(status(analyst)).toHaveText("Dismissed");
  await expect(analyst.getByTestId("alert-status-reason")).toHaveText(
    "Licensed in the sending country; registry entry outdated.",
  );
  await expect(decisions(analyst)).toContainText([`Open → Dismissed${userLabel("analyst")}`]);
});
