// An STR checked against the schema in force (the FMU's installed XSD, else the built-in 5.0.1
// one) with libxml2 (xmllint compiled to WebAssembly), before anyone may download it. Each error
// is given with the element's path in the report (/report/transaction[2]/t_to/to_country) and in
// words an officer can act on: what is wrong, and where in the dashboard it is set.
import fs from "node:fs";
import path from "node:path";
import { validateXML } from "xmllint-wasm";
import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";

export type GoamlSchema = {
  /** "installed": the FMU's XSD a compliance officer uploaded; "built-in": the product's own. */
  source: "installed" | "built-in";
  /** The installed schema's row id (goaml_schemas); null for the built-in one. */
  id: number | null;
  fileName: string;
  sha256: string;
  version: string | null;
  content: string;
};

let builtIn: GoamlSchema | undefined;

/** The product's own schema (lib/reports/goaml/schemas), following UNODC goAML 5.0.1. */
export function builtInSchema(): GoamlSchema {
  if (!builtIn) {
    const fileName = "goaml-5.0.1-builtin.xsd";
    // From the project root (where `next start`, the CLIs and the tests run): a bundler rewrites
    // `new URL(…, import.meta.url)` into a URL object node:fs refuses.
    const content = fs.readFileSync(path.join(process.cwd(), "lib/reports/goaml/schemas", fileName), "utf8");
    builtIn = {
      source: "built-in",
      id: null,
      fileName,
      sha256: sha256Hex(content),
      version: "5.0.1 (built-in)",
      content,
    };
  }
  return builtIn;
}

export type GoamlIssue = {
  /** The report's line (1-based), as libxml2 counts it. */
  line: number | null;
  /** Path of the element in the report, e.g. /report/transaction[2]/t_to/to_country. */
  path: string | null;
  /** What is wrong, in words. */
  message: string;
  /** Where to fix it, when the dashboard knows. */
  fix: string | null;
};

export type GoamlValidation = { valid: boolean; issues: GoamlIssue[] };

/**
 * The path of the element whose start tag is on each line of a report written one element per
 * line (the builder's pretty print); a line with only an end tag gives the element it ends.
 * Index = line number (1-based).
 */
export function elementPathsByLine(xml: string): (string | null)[] {
  const out: (string | null)[] = [null];
  const stack: { name: string; counts: Map<string, number>; path: string }[] = [];
  const top = { counts: new Map<string, number>() };
  for (const line of xml.split("\n")) {
    let first: string | null = null;
    let closed: string | null = null;
    for (const m of line.matchAll(/<(\/?)([A-Za-z_][\w.-]*)[^>]*?(\/?)>/g)) {
      const [, closing, name, selfClosing] = m as unknown as [string, string, string, string];
      if (closing) {
        closed ??= stack.pop()?.path ?? null;
        continue;
      }
      const parent = stack.at(-1) ?? top;
      const n = (parent.counts.get(name) ?? 0) + 1;
      parent.counts.set(name, n);
      const parentPath = stack.at(-1)?.path ?? "";
      const path = `${parentPath}/${name}${n > 1 || name === "transaction" ? `[${n}]` : ""}`;
      first ??= path;
      if (!selfClosing) stack.push({ name, counts: new Map(), path });
    }
    out.push(first ?? closed ?? stack.at(-1)?.path ?? null);
  }
  return out;
}

/** Where an element's value comes from, for the officer who has to change it. */
const FIXES: [RegExp, string][] = [
  [/\/indicator(\[\d+\])?$/, "goAML settings → Report indicators (the code set for each rule that fired)."],
  [/\/transmode_code$/, "goAML settings → Transmode code."],
  [/_funds_code$/, "goAML settings → Funds code."],
  [/\/personal_account_type$/, "goAML settings → Account type for wallets."],
  [/\/institution_code$/, "goAML settings → Institution code for wallets."],
  [
    /_entity\/incorporation_country_code$|\/(from|to)_country$/,
    "The registry entity's country (Registry), or goAML settings → Country for unattributed wallets.",
  ],
  [/\/(from|to)_entity\/name$/, "The entity's name in the Registry."],
  [
    /\/institution_name$/,
    "The entity's name in the Registry, or goAML settings → Institution of unattributed wallets.",
  ],
  [/\/currency_code$/, "goAML settings → Account currency code."],
  [/^\/report\/currency_code_local$/, "goAML settings → Local currency code."],
  [/^\/report\/report_code$/, "goAML settings → Report code."],
  [/^\/report\/submission_code$/, "goAML settings → Submission code."],
  [/^\/report\/rentity_(id|branch)$/, "goAML settings → Reporting entity."],
  [/^\/report\/reporting_person/, "goAML settings → Reporting person."],
  [/^\/report\/location/, "goAML settings → Location of the reporting entity."],
  [/^\/report\/reason$/, "The case's escalation reason (case page)."],
];

function fixFor(path: string | null): string | null {
  if (!path) return null;
  const bare = path.replace(/\[\d+\]/g, "");
  return FIXES.find(([re]) => re.test(bare) || re.test(path))?.[1] ?? null;
}

function list(set: string): string[] {
  return [...set.matchAll(/'([^']*)'/g)].map((m) => m[1] ?? "");
}

/** libxml2's message in words an officer can act on. */
export function explain(raw: string): string {
  const msg = raw.replace(/^.*?Schemas validity error : /, "").trim();
  const el = /^Element '([^']+)'(?: \[[^\]]*\])?:/.exec(msg)?.[1] ?? null;
  const name = el ? `<${el}>` : "The element";
  let m = /\[facet 'enumeration'\] The value '([^']*)' is not an element of the set \{(.*)\}/.exec(msg);
  if (m) {
    const allowed = list(m[2] ?? "");
    const shown = allowed.length <= 12 ? `: ${allowed.join(", ")}` : ` (${allowed.length} codes)`;
    return `${name}: "${m[1]}" is not a code in the schema's list${shown}.`;
  }
  m =
    /\[facet 'maxLength'\] The value has a length of '(\d+)'; this exceeds the allowed maximum length of '(\d+)'/.exec(
      msg,
    );
  if (m) return `${name} is ${m[1]} characters long; the schema allows at most ${m[2]}.`;
  m =
    /\[facet 'minLength'\] The value has a length of '(\d+)'; this underruns the allowed minimum length of '(\d+)'/.exec(
      msg,
    );
  if (m)
    return `${name} is ${m[1] === "0" ? "empty" : `${m[1]} characters long`}; the schema needs at least ${m[2]}.`;
  m = /\[facet 'pattern'\] The value '([^']*)' is not accepted by the pattern '([^']*)'/.exec(msg);
  if (m) return `${name}: "${m[1]}" is not in the form the schema requires (pattern ${m[2]}).`;
  m = /This element is not expected\. Expected is(?: one of)? \( ?(.*?) ?\)/.exec(msg);
  if (m)
    return `${name} is not expected here; the schema expects ${m[1]
      ?.split(/, ?/)
      .map((x) => `<${x}>`)
      .join(" or ")} at this place.`;
  if (/This element is not expected\./.test(msg))
    return `${name} is not allowed at this place by the schema.`;
  m = /Missing child element\(s\)\. Expected is(?: one of)? \( ?(.*?) ?\)/.exec(msg);
  if (m)
    return `${name} lacks a required element: ${m[1]
      ?.split(/, ?/)
      .map((x) => `<${x}>`)
      .join(" or ")}.`;
  if (/No matching global declaration available for the validation root/.test(msg)) {
    return "The schema does not declare the report's root element <report> as written (a namespaced root, or not a goAML report schema).";
  }
  m = /'([^']*)' is not a valid value of the (?:atomic|local atomic) type '([^']*)'/.exec(msg);
  if (m) return `${name}: "${m[1]}" is not a valid ${m[2]?.replace(/^xs:/, "")} value.`;
  return msg;
}

/** Validates a report (written by buildGoamlReport) against a schema. */
export async function validateGoamlReport(xml: string, schema: GoamlSchema): Promise<GoamlValidation> {
  let result: Awaited<ReturnType<typeof validateXML>>;
  try {
    result = await validateXML({
      xml: [{ fileName: "report.xml", contents: xml }],
      schema: [{ fileName: "schema.xsd", contents: schema.content }],
      initialMemoryPages: 512,
      maxMemoryPages: 4096,
    });
  } catch (e) {
    throw new AppError(
      "internal",
      `The goAML schema ${schema.fileName} could not be compiled: ${firstLine(e)}`,
    );
  }
  if (result.valid) return { valid: true, issues: [] };
  const paths = elementPathsByLine(xml);
  const issues = result.errors.map((e): GoamlIssue => {
    const line = e.loc?.lineNumber ?? null;
    const path = line === null ? null : (paths[line] ?? null);
    return { line, path, message: explain(e.message), fix: fixFor(path) };
  });
  return { valid: false, issues };
}

/**
 * Whether an XSD compiles (libxml2 refuses what it cannot use as a schema): validates a minimal
 * document and tells a compile failure from the document's own (expected) invalidity.
 */
export async function checkSchemaCompiles(content: string): Promise<void> {
  try {
    await validateXML({
      xml: [{ fileName: "probe.xml", contents: "<report/>" }],
      schema: [{ fileName: "schema.xsd", contents: content }],
      initialMemoryPages: 512,
      maxMemoryPages: 4096,
    });
  } catch (e) {
    throw new AppError("bad_request", `The schema does not compile: ${firstLine(e)}`);
  }
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e)
    .split("\n")[0]!
    .replace(/^Error: /, "")
    .slice(0, 500);
}

export function sha256Hex(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}
