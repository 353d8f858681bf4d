// At a 1280 px wide window no page scrolls sideways: wide tables and the corridor matrix scroll
// inside their own card. Every page of lib/auth/route-access.ts, signed in as the role that sees
// the most of it (compliance officer: export buttons; admin: the registry's edit controls and the
// admin pages); the sign-in page signed out.
import { expect, test, type Page } from "@playwright/test";
import { decideAccess } from "@/lib/auth/access";
import { ROUTE_ACCESS, type RouteAccess } from "@/lib/auth/route-access";
import type { UserRole } from "@/lib/auth/roles";
import { signInRequest, type DemoAccount } from "./fixtures/auth";
import { demoNetwork } from "./fixtures/demo-corridors";
import { waitForSettledHistory } from "./fixtures/views";

const WINDOW = { width: 1280, height: 800 };

/** A concrete page for each dynamic route: a registered wallet, the seed's first alert and entity. */
function pathOf(route: string): string {
  if (route === "/addresses/[address]") {
    const wallet = demoNetwork().registry.destinations[0]?.wallets[0];
    if (!wallet) throw new Error("the demo plan has no registered wallet");
    return `/addresses/${wallet.toLowerCase()}`;
  }
  if (route === "/alerts/[id]") return "/alerts/1";
  if (route === "/registry/[id]") return "/registry/1";
  // The demo seeds its sanctions list through the same import as the Lists page: list 1.
  if (route === "/lists/[id]") return "/lists/1";
  if (route.includes("[")) throw new Error(`no concrete page for ${route}: add one to e2e/layout.spec.ts`);
  return route;
}

function visitorOf(entry: RouteAccess): DemoAccount | null {
  if (entry.access === "public") return null;
  const may = (role: UserRole) => decideAccess({ role }, entry.access) === "allow";
  if (entry.route.startsWith("/registry") && may("admin")) return "admin";
  if (may("compliance_officer")) return "compliance";
  if (may("admin")) return "admin";
  throw new Error(`neither demo account may open ${entry.route}`);
}

/** What reaches past the window's right edge without a scroller to clip it, for the message. */
function overflowing(page: Page) {
  return page.evaluate(() => {
    const clipped = (el: Element) => {
      for (let node: Element | null = el; node && node !== document.body;) {
        // An absolutely positioned box is clipped by scrollers from its containing block up only.
        const absolute = ["absolute", "fixed"].includes(getComputedStyle(node).position);
        let next: Element | null = node.parentElement;
        while (absolute && next && getComputedStyle(next).position === "static") next = next.parentElement;
        if (next && next !== document.body && getComputedStyle(next).overflowX !== "visible") return true;
        node = next;
      }
      return false;
    };
    return [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && !clipped(el))
      .slice(0, 5)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}">`);
  });
}

const pages = (ROUTE_ACCESS as readonly RouteAccess[]).filter((r) => r.kind === "page" && r.route !== "/");

test.use({ viewport: WINDOW });

// The matrix and the tables are widest once the whole history is indexed and rolled up.
let settled = false;

for (const entry of pages) {
  const visitor = visitorOf(entry);
  test(`${entry.route} fits a ${WINDOW.width} px window (${visitor ?? "signed out"})`, async ({
    page,
    baseURL,
  }) => {
    if (visitor) await signInRequest(page.request, visitor, baseURL);
    if (visitor && !settled) {
      await waitForSettledHistory(page);
      settled = true;
    }
    const path = pathOf(entry.route);
    const res = await page.goto(path);
    expect(res?.status(), path).toBeLessThan(400);
    await expect(page).toHaveURL((url) => url.pathname === path);
    await page.waitForLoadState("networkidle");
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(
      scrollWidth,
      `${path} is wider than the window: ${(await overflowing(page)).join(", ")}`,
    ).toBeLessThanOrEqual(innerWidth);
  });
}
