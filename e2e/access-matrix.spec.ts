// Every declared route and server action (lib/auth/route-access.ts), requested as each role and
// as an anonymous visitor against the running demo: each gets what its role may have and
// nothing else. lib/auth/route-access.test.ts guarantees the declarations cover app/ and
// lib/actions/, so together a route or action without a guard cannot pass.
import fs from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { decideAccess } from "@/lib/auth/access";
import {
  ACTION_ACCESS,
  ROUTE_ACCESS,
  routeFromFile,
  type ActionName,
  type RouteAccess,
} from "@/lib/auth/route-access";
import { rolesWith, type UserRole } from "@/lib/auth/roles";
import { sameOrigin, signInRequest, type DemoAccount } from "./fixtures/auth";

const VISITORS: { name: string; account: DemoAccount | null; role: UserRole | null }[] = [
  { name: "anonymous", account: null, role: null },
  { name: "analyst", account: "analyst", role: "analyst" },
  { name: "compliance officer", account: "compliance", role: "compliance_officer" },
  { name: "admin", account: "admin", role: "admin" },
];

/**
 * One harmless input per action and the code an allowed caller gets: past the guard, refused by
 * validation or a lookup, so nothing changes. sign-out, allowed, signs the visitor out (run last).
 */
const ACTION_PROBES: Record<ActionName, { input: unknown; allowed: string }> = {
  "sign-in": { input: { email: "not-an-email", password: "x" }, allowed: "bad_request" },
  "create-user": {
    input: { email: "not-an-email", name: "", role: "analyst", password: "x" },
    allowed: "bad_request",
  },
  "set-user-role": { input: { userId: "no-such-user", role: "admin" }, allowed: "not_found" },
  "deactivate-user": { input: { userId: "no-such-user" }, allowed: "not_found" },
  "reactivate-user": { input: { userId: "no-such-user" }, allowed: "not_found" },
  "create-entity": {
    input: { name: "", kind: "bank", country: "PK", licenceStatus: "licensed" },
    allowed: "bad_request",
  },
  "update-entity": {
    input: {
      id: 999_999_999,
      name: "No such entity",
      kind: "bank",
      country: "PK",
      licenceStatus: "licensed",
    },
    allowed: "not_found",
  },
  "upsert-address": {
    input: { entityId: 999_999_999, chainId: 31337, address: `0x${"0".repeat(40)}`, tags: "" },
    allowed: "not_found",
  },
  // No file: refused by validation before anything is read.
  "import-registry": { input: {}, allowed: "bad_request" },
  "assign-alerts": { input: { alertIds: [999_999_999], assignee: "" }, allowed: "not_found" },
  "add-alert-note": { input: { alertId: 999_999_999, body: "probe" }, allowed: "not_found" },
  "transition-alert": {
    input: { alertId: 999_999_999, to: "in_review", reason: "" },
    allowed: "not_found",
  },
  "update-rule-settings": { input: { ruleId: "R99" }, allowed: "bad_request" },
  "update-goaml-settings": { input: {}, allowed: "bad_request" },
  // No file: refused by validation, nothing installed.
  "install-goaml-schema": { input: {}, allowed: "bad_request" },
  // No file: refused by validation, no list touched.
  "import-watchlist": { input: {}, allowed: "bad_request" },
  "retire-watchlist": { input: { id: 999_999_999, reason: "probe" }, allowed: "not_found" },
  "enter-reserve-attestation": { input: {}, allowed: "bad_request" },
  "review-reserve-attestation": { input: { id: 999_999_999, decision: "confirm" }, allowed: "not_found" },
  "enter-native-supply": { input: {}, allowed: "bad_request" },
  "sign-out": { input: {}, allowed: "redirect" },
};

type ManifestEntry = { workers: Record<string, unknown>; filename?: string; exportedName?: string };

/** Server action ids from the build the demo serves, with a page that hosts each. */
function actionIds(): Map<ActionName, { id: string; page: string }> {
  const file = path.resolve(".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { node: Record<string, ManifestEntry> };
  const out = new Map<ActionName, { id: string; page: string }>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    const name = entry.filename?.match(/^lib\/actions\/(.+)\.ts$/)?.[1] as ActionName | undefined;
    const worker = Object.keys(entry.workers)[0];
    if (name && worker) out.set(name, { id, page: routeFromFile(`${worker}.tsx`) });
  }
  return out;
}

function expectRoute(
  entry: RouteAccess,
  role: UserRole | null,
  status: number,
  location: string | undefined,
  allowedStatus?: number,
) {
  const decision = decideAccess(role ? { role } : null, entry.access);
  const where = `${entry.route} as ${role ?? "anonymous"}`;
  if (decision === "allow" && allowedStatus !== undefined) {
    expect(status, where).toBe(allowedStatus);
  } else if (decision === "allow") {
    expect(status, where).toBeLessThan(400);
    if (status >= 300) expect(location ?? "", where).not.toMatch(/^\/sign-in/);
  } else if (entry.kind === "api") {
    expect(status, where).toBe(decision === "sign-in" ? 401 : 403);
  } else if (decision === "sign-in") {
    expect(status, where).toBe(307);
    expect(location ?? "", where).toMatch(/^\/sign-in/);
  } else {
    expect(status, where).toBe(403);
  }
}

async function callAction(
  api: APIRequestContext,
  baseURL: string | undefined,
  id: string,
  page: string,
  input: unknown,
) {
  const res = await api.post(page, {
    headers: {
      "next-action": id,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      ...sameOrigin(baseURL),
    },
    data: JSON.stringify(["$undefined", input]),
    maxRedirects: 0,
  });
  const body = await res.text();
  if (res.headers()["x-action-redirect"]) return "redirect";
  return body.match(/"code":"([a-z_]+)"/)?.[1] ?? `status ${res.status()}`;
}

test("every action has a probe", () => {
  expect(Object.keys(ACTION_PROBES).sort()).toEqual(Object.keys(ACTION_ACCESS).sort());
});

for (const visitor of VISITORS) {
  test(`access matrix: ${visitor.name}`, async ({ baseURL }) => {
    const api = await playwrightRequest.newContext({ baseURL });
    if (visitor.account) await signInRequest(api, visitor.account, baseURL);

    for (const entry of ROUTE_ACCESS as readonly RouteAccess[]) {
      const samples = entry.samples ?? [{ method: "GET" as const, path: entry.route }];
      for (const sample of samples) {
        const res = await api.fetch(sample.path, {
          method: sample.method,
          maxRedirects: 0,
          headers: sameOrigin(baseURL),
        });
        expectRoute(entry, visitor.role, res.status(), res.headers().location, sample.allowedStatus);
      }
    }

    const ids = actionIds();
    // sign-out last: it ends the visitor's session.
    const names = (Object.keys(ACTION_ACCESS) as ActionName[]).sort(
      (a, b) => Number(a === "sign-out") - Number(b === "sign-out"),
    );
    for (const name of names) {
      const action = ids.get(name);
      expect(action, `${name} is in the build`).toBeDefined();
      const outcome = await callAction(api, baseURL, action!.id, action!.page, ACTION_PROBES[name].input);
      const decision = decideAccess(visitor.role ? { role: visitor.role } : null, ACTION_ACCESS[name]);
      const expected =
        decision === "allow"
          ? ACTION_PROBES[name].allowed
          : decision === "sign-in"
            ? "unauthorized"
            : "forbidden";
      expect(outcome, `${name} as ${visitor.name}`).toBe(expected);
    }
    await api.dispose();
  });
}

// Exports leave the building: the matrix above probes the route for every role; this pins the
// declaration itself, so a relaxed access line fails here by name.
test("the transactions CSV export is declared compliance-only", () => {
  const entry = (ROUTE_ACCESS as readonly RouteAccess[]).find((e) => e.route === "/api/exports/transactions");
  expect(entry?.access).toBe("exports:create");
  expect(rolesWith("exports:create")).toEqual(["compliance_officer"]);
});
