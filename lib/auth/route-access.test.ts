// Walks the app's route files and server actions: each must be declared in route-access.ts, so a
// new route or action without a declared guard fails here (e2e/access-matrix.spec.ts then checks
// every declaration against the running server, role by role).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_ACCESS, findRouteAccess, ROUTE_ACCESS, routeFromFile } from "./route-access";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [path.relative(ROOT, full).replace(/\\/g, "/")];
  });
}

const appFiles = walk(path.join(ROOT, "app"));
const pages = appFiles.filter((f) => /\/page\.(tsx|ts|jsx|js)$/.test(f)).map(routeFromFile);
const handlers = appFiles.filter((f) => /\/route\.(ts|js)$/.test(f)).map(routeFromFile);
const actionFiles = fs
  .readdirSync(path.join(ROOT, "lib", "actions"))
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "safe-action.ts");

describe("declared access", () => {
  it("declares every page and route handler in app/, and nothing that does not exist", () => {
    const declared = ROUTE_ACCESS.map((r) => `${r.kind} ${r.route}`).sort();
    const found = [...pages.map((r) => `page ${r}`), ...handlers.map((r) => `api ${r}`)].sort();
    expect(found).toEqual(declared);
  });

  it("declares every server action, each wrapped by safeAction under its own name", () => {
    expect(actionFiles.map((f) => f.replace(/\.ts$/, "")).sort()).toEqual(Object.keys(ACTION_ACCESS).sort());
    for (const file of actionFiles) {
      const src = fs.readFileSync(path.join(ROOT, "lib", "actions", file), "utf8");
      const name = file.replace(/\.ts$/, "");
      expect(src.startsWith('"use server";'), file).toBe(true);
      // Every export is a safeAction(...) with this file's name: the wrapper takes the access from the table.
      const exports = [...src.matchAll(/^export\s+(const|async function|function|default)\s+(\w+)?/gm)];
      expect(exports.length, file).toBe(1);
      expect(src, file).toMatch(new RegExp(`export const \\w+ = safeAction\\(\\{\\s*name: "${name}",`));
    }
  });

  it("maps route files and concrete paths to their declaration", () => {
    expect(routeFromFile("app/(dashboard)/admin/users/page.tsx")).toBe("/admin/users");
    expect(routeFromFile("app/page.tsx")).toBe("/");
    expect(routeFromFile("app/api/auth/[...all]/route.ts")).toBe("/api/auth/[...all]");
    expect(findRouteAccess("/admin/users")?.access).toBe("users:manage");
    expect(findRouteAccess("/admin/audit?action=auth.sign_in")?.access).toBe("audit:read");
    expect(findRouteAccess("/api/auth/sign-in/email")?.route).toBe("/api/auth/[...all]");
    expect(findRouteAccess("/admin/secret")).toBeNull();
    expect(findRouteAccess("/overview/extra")).toBeNull();
  });
});
