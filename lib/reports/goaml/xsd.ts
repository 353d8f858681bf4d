// What a goAML XSD says that the dashboard needs before it writes a report: its version, whether it
// is a goAML report schema at all (a global, unqualified <report>), and its code lists. Each FIU
// keeps its code lists as enumerations inside its own XSD (DOMAIN.md section 5), so the codes the
// settings form offers are read from the schema in force, never assumed.
//
// An element's code list is found by following its type: a named xs:simpleType (possibly
// restricting another named type) or an inline one. Labels come from xs:documentation or, as some
// FIUs write them, from an XML comment inside the enumeration.
import { create } from "xmlbuilder2";
import { AppError } from "@/lib/errors";

const XS = "http://www.w3.org/2001/XMLSchema";

export type Code = { code: string; label: string | null };

/** The code lists the settings use, keyed by what they are for. */
export const CODE_LISTS = {
  submission: { elements: ["submission_code"], title: "Submission codes" },
  report: { elements: ["report_code"], title: "Report codes" },
  currency: { elements: ["currency_code_local", "currency_code"], title: "Currency codes" },
  transmode: { elements: ["transmode_code"], title: "Transmode codes" },
  funds: { elements: ["from_funds_code", "to_funds_code"], title: "Funds codes" },
  accountType: { elements: ["personal_account_type"], title: "Account types" },
  country: { elements: ["from_country", "to_country", "country_code"], title: "Country codes" },
  contactType: { elements: ["address_type"], title: "Address types" },
  indicator: { elements: ["indicator"], title: "Report indicators" },
} as const;
export type CodeListKey = keyof typeof CODE_LISTS;
export const CODE_LIST_KEYS = Object.keys(CODE_LISTS) as CodeListKey[];

/** Each list's codes, or null when the schema leaves the element free text (or lacks it). */
export type CodeLists = Record<CodeListKey, Code[] | null>;

export type XsdFacts = {
  /** goaml:schemaVersion, else the xs:schema version attribute; null when neither is there. */
  version: string | null;
  codeLists: CodeLists;
};

type El = {
  localName: string | null;
  namespaceURI: string | null;
  nodeType: number;
  childNodes: ArrayLike<El>;
  getAttribute?: (name: string) => string | null;
  attributes?: ArrayLike<{ localName: string; value: string }>;
  data?: string;
  textContent?: string | null;
};

const ELEMENT = 1;
const COMMENT = 8;

function xsChildren(node: El, name?: string): El[] {
  return Array.from(node.childNodes).filter(
    (c) => c.nodeType === ELEMENT && c.namespaceURI === XS && (name === undefined || c.localName === name),
  );
}

function walk(node: El, visit: (el: El) => void): void {
  for (const c of Array.from(node.childNodes)) {
    if (c.nodeType !== ELEMENT) continue;
    visit(c);
    walk(c, visit);
  }
}

const attr = (el: El, name: string) => el.getAttribute?.(name) ?? null;
const localType = (qname: string) => qname.slice(qname.indexOf(":") + 1);

function labelOf(enumeration: El): string | null {
  for (const ann of xsChildren(enumeration, "annotation")) {
    for (const doc of xsChildren(ann, "documentation")) {
      const t = (doc.textContent ?? "").trim();
      if (t) return t;
    }
  }
  for (const c of Array.from(enumeration.childNodes)) {
    if (c.nodeType === COMMENT && c.data?.trim()) return c.data.trim();
  }
  return null;
}

/** Parses an XSD's text; throws bad_request with a reason an officer can read. */
function parseSchema(text: string): El {
  let root: El;
  try {
    root = create(text).root().node as unknown as El;
  } catch (e) {
    throw new AppError(
      "bad_request",
      `The file is not well-formed XML: ${(e as Error).message.split("\n")[0]}`,
    );
  }
  // A default namespace declared after the xs prefix can leave the parser's namespaceURI wrong:
  // the prefix's own declaration decides then (such a schema has a target namespace, refused below).
  const declaresXs = Array.from(root.attributes ?? []).some((a) => a.value === XS);
  if (root.localName !== "schema" || (root.namespaceURI !== XS && !declaresXs)) {
    throw new AppError("bad_request", "The file is not an XML Schema (its root is not xs:schema).");
  }
  return root;
}

/**
 * The facts of a goAML report XSD. Refuses a schema that is not one: no global <report>, or a
 * target namespace (goAML elements are unqualified; a namespaced report is rejected by the FIU).
 */
export function readXsd(text: string): XsdFacts {
  const root = parseSchema(text);
  const target = attr(root, "targetNamespace");
  if (target) {
    throw new AppError(
      "bad_request",
      `The schema has a target namespace (${target}); goAML report elements are unqualified. Install the FMU's goAML report schema.`,
    );
  }
  if (!xsChildren(root, "element").some((e) => attr(e, "name") === "report")) {
    throw new AppError(
      "bad_request",
      "The schema declares no global <report> element: it is not a goAML report schema.",
    );
  }
  const versionAttr = Array.from(root.attributes ?? []).find((a) => a.localName === "schemaVersion");
  const version = versionAttr?.value ?? attr(root, "version");

  const named = new Map<string, El>();
  for (const st of xsChildren(root, "simpleType")) {
    const name = attr(st, "name");
    if (name) named.set(name, st);
  }
  const enumsOf = (simpleType: El, seen: Set<string>): Code[] | null => {
    for (const r of xsChildren(simpleType, "restriction")) {
      const enums = xsChildren(r, "enumeration");
      if (enums.length > 0) return enums.map((e) => ({ code: attr(e, "value") ?? "", label: labelOf(e) }));
      const base = attr(r, "base");
      if (base && !base.startsWith("xs:")) return typeCodes(localType(base), seen);
    }
    return null;
  };
  const typeCodes = (name: string, seen: Set<string>): Code[] | null => {
    const st = named.get(name);
    if (!st || seen.has(name)) return null;
    return enumsOf(st, new Set(seen).add(name));
  };
  const byElement = new Map<string, Code[]>();
  walk(root, (el) => {
    if (el.localName !== "element" || el.namespaceURI !== XS) return;
    const name = attr(el, "name");
    if (!name || byElement.has(name)) return;
    const type = attr(el, "type");
    const inline = xsChildren(el, "simpleType")[0];
    const codes = type ? typeCodes(localType(type), new Set()) : inline ? enumsOf(inline, new Set()) : null;
    if (codes) byElement.set(name, codes);
  });
  const codeLists = Object.fromEntries(
    CODE_LIST_KEYS.map((key) => {
      const found = CODE_LISTS[key].elements.map((e) => byElement.get(e)).find((c) => c !== undefined);
      return [key, found ?? null];
    }),
  ) as CodeLists;
  return { version: version || null, codeLists };
}
