// The components/ layout (README, "Architecture"): one folder per view, named after the route
// segment it serves, beside the shared rooms. A view's widgets may use the shared rooms, never
// another view's folder; the shared rooms, lib/ and db/ use no view folder at all.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const COMPONENTS = path.join(ROOT, "components");

/** Used by several views; import nothing from a view folder. */
const SHARED_ROOMS = ["charts", "shell", "tables", "ui"];
/** Each view folder and the app/ directory whose pages it serves. */
const VIEWS: Record<string, string> = {
  addresses: "app/(dashboard)/addresses",
  admin: "app/(dashboard)/admin",
  alerts: "app/(dashboard)/alerts",
  corridors: "app/(dashboard)/corridors",
  governance: "app/(dashboard)/governance",
  indexer: "app/(dashboard)/indexer",
  lists: "app/(dashboard)/lists",
  overview: "app/(dashboard)/overview",
  registry: "app/(dashboard)/registry",
  reports: "app/(dashboard)/reports",
  reserves: "app/(dashboard)/reserves",
  "sign-in": "app/sign-in",
  supply: "app/(dashboard)/supply",
  transactions: "app/(dashboard)/transactions",
};
/** Name prefixes that say "this belongs to one view": such a file lives in that view's folder. */
const VIEW_PREFIXES = [
  ...Object.keys(VIEWS).flatMap((v) => [v, v.replace(/(es|s)$/, ""), v.replace(/s$/, "")]),
  "audit-log",
  "goaml",
  "rule-settings",
];

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : /\.(ts|tsx)$/.test(e.name) ? [full] : [];
  });
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");

/** The components/ folder (first segment) each of a file's imports lands in. */
function componentFoldersImportedBy(file: string): { spec: string; folder: string }[] {
  const src = fs.readFileSync(file, "utf8");
  const specs = [...src.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g)].flatMap(
    (m) => m[1] ?? [],
  );
  return specs.flatMap((spec) => {
    let target: string;
    if (spec.startsWith("@/")) target = path.join(ROOT, spec.slice(2));
    else if (spec.startsWith(".")) target = path.resolve(path.dirname(file), spec);
    else return [];
    const inComponents = path.relative(COMPONENTS, target);
    if (inComponents.startsWith("..") || path.isAbsolute(inComponents)) return [];
    const parts = inComponents.split(path.sep);
    return [{ spec, folder: parts.length > 1 ? (parts[0] ?? "") : "" }];
  });
}

/** "file imports spec" for every import of a view folder other than `allowed`. */
function viewImports(files: string[], allowed: (file: string) => string | null): string[] {
  return files.flatMap((file) =>
    componentFoldersImportedBy(file)
      .filter(({ folder }) => folder in VIEWS && folder !== allowed(file))
      .map(({ spec }) => `${rel(file)} imports ${spec}`),
  );
}

const entries = fs.readdirSync(COMPONENTS, { withFileTypes: true });
const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name);

describe("components/ layout", () => {
  it("has only shared rooms and view folders, each view folder serving an app/ directory", () => {
    for (const folder of folders) {
      expect(SHARED_ROOMS.includes(folder) || folder in VIEWS, `components/${folder}/ is unclassified`).toBe(
        true,
      );
    }
    for (const [view, appDir] of Object.entries(VIEWS)) {
      expect(fs.existsSync(path.join(COMPONENTS, view)), `components/${view}/`).toBe(true);
      expect(fs.existsSync(path.join(ROOT, appDir)), appDir).toBe(true);
    }
  });

  it("keeps no view's widget directly under components/", () => {
    const files = entries.filter((e) => e.isFile()).map((e) => e.name);
    const misplaced = files.filter((name) => VIEW_PREFIXES.some((p) => name.startsWith(`${p}-`)));
    expect(misplaced).toEqual([]);
    // Nor anything else but tests: every widget has a room.
    const loose = files.filter((name) => !name.endsWith(".test.ts"));
    expect(loose).toEqual([]);
  });

  it("lets no shared room, nor lib/ or db/, import a view folder", () => {
    const files = [
      ...SHARED_ROOMS.flatMap((room) => walk(path.join(COMPONENTS, room))),
      ...walk(path.join(ROOT, "lib")),
      ...walk(path.join(ROOT, "db")),
    ];
    expect(viewImports(files, () => null)).toEqual([]);
  });

  it("lets a view folder import no other view's folder", () => {
    const files = Object.keys(VIEWS).flatMap((view) => walk(path.join(COMPONENTS, view)));
    expect(viewImports(files, (file) => rel(file).split("/")[1] ?? null)).toEqual([]);
  });

  it("lets each app/ page import its own view folder only", () => {
    const owner = (file: string) =>
      Object.entries(VIEWS).find(([, dir]) => rel(file).startsWith(`${dir}/`))?.[0] ?? null;
    const files = walk(path.join(ROOT, "app"));
    expect(viewImports(files, owner)).toEqual([]);
  });

  it("sees the imports it checks (a view page imports its folder and the shell)", () => {
    const page = path.join(ROOT, "app/(dashboard)/supply/page.tsx");
    const imported = componentFoldersImportedBy(page).map((i) => i.folder);
    expect(imported).toContain("supply");
    expect(imported).toContain("shell");
  });
});
