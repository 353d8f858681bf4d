// OFAC's classic SDN list (sdn.xml): <sdnList> (with or without a default namespace) holding
// <publshInformation> (sic) and one <sdnEntry> per designation. Sanctioned wallets are ids of
// type "Digital Currency Address - <asset>". USD1 lives on EVM chains, where ETH, USDT, USDC, ...
// ids share one address space, so every such id whose number is an EVM address is an entry (for
// every chain); ids of other chains (XBT, TRX, ...) are skipped and counted, and a number that
// starts like an EVM address but is not one is a row error naming the sdnEntry uid.
import { create } from "xmlbuilder2";
import { LIST_REFERENCE_MAX, listAddressSchema } from "@/lib/validators/watchlists";
import { dedupeEntries, refused, type ListEntry, type ListRowError, type ParsedListFile } from "./types";

const DIGITAL_CURRENCY = "Digital Currency Address - ";
const ELEMENT = 1;

type Node = {
  nodeType: number;
  localName: string | null;
  childNodes: ArrayLike<Node>;
  textContent?: string | null;
};

const children = (node: Node, name: string): Node[] =>
  Array.from(node.childNodes).filter((c) => c.nodeType === ELEMENT && c.localName === name);
const child = (node: Node, name: string): Node | undefined => children(node, name)[0];
const text = (node: Node | undefined): string => (node?.textContent ?? "").trim();

/** "11/20/2026" → "2026-11-20"; anything else is kept as written. */
function isoDate(mdy: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(mdy);
  return m ? `${m[3]}-${m[1]!.padStart(2, "0")}-${m[2]!.padStart(2, "0")}` : mdy;
}

function rootOf(xml: string): Node | string {
  // The real file has no DTD; refusing one keeps entity expansion out of the parser.
  if (/<!DOCTYPE/i.test(xml)) return "the file declares a DTD (<!DOCTYPE>); the SDN list has none";
  try {
    return create(xml).root().node as unknown as Node;
  } catch (e) {
    return `the file is not well-formed XML: ${(e as Error).message.split("\n")[0]}`;
  }
}

function nameOf(entry: Node): string {
  const last = text(child(entry, "lastName"));
  const first = text(child(entry, "firstName"));
  return first ? `${last}, ${first}` : last;
}

export function parseOfacSdnXml(xml: string, listName: string): ParsedListFile {
  const root = rootOf(xml.replace(/^\uFEFF/, ""));
  if (typeof root === "string") return refused("ofac-sdn-xml", [{ where: "file", message: root }]);
  if (root.localName !== "sdnList") {
    return refused("ofac-sdn-xml", [
      {
        where: "file",
        message: `not an OFAC SDN list: the root element is <${root.localName ?? "?"}>, not <sdnList>`,
      },
    ]);
  }
  // xmlbuilder2's parser forgives unclosed elements, so a file cut short could pass as a shorter
  // list: the closing root tag (and Record_Count below) must be there.
  if (!/<\/(?:[\w.-]+:)?sdnList>\s*$/.test(xml)) {
    return refused("ofac-sdn-xml", [
      { where: "file", message: "the file does not end with </sdnList> (truncated?)" },
    ]);
  }
  const info = child(root, "publshInformation");
  const publishDate = text(info && child(info, "Publish_Date"));
  const recordCount = text(info && child(info, "Record_Count"));
  const sdnEntries = children(root, "sdnEntry");
  const errors: ListRowError[] = [];
  if (recordCount !== "" && Number(recordCount) !== sdnEntries.length) {
    errors.push({
      where: "file",
      message: `Record_Count says ${recordCount} entries but the file has ${sdnEntries.length} (truncated?)`,
    });
  }
  const entries: ListEntry[] = [];
  let skipped = 0;
  sdnEntries.forEach((entry, i) => {
    const uid = text(child(entry, "uid"));
    const where = uid ? `sdnEntry uid ${uid}` : `sdnEntry #${i + 1}`;
    if (!uid) errors.push({ where, message: "the entry has no uid" });
    const programList = child(entry, "programList");
    const programs = programList ? children(programList, "program").map(text).filter(Boolean) : [];
    const idList = child(entry, "idList");
    for (const id of idList ? children(idList, "id") : []) {
      const type = text(child(id, "idType"));
      if (!type.startsWith(DIGITAL_CURRENCY)) continue;
      const number = text(child(id, "idNumber"));
      if (!/^0x/i.test(number)) {
        skipped++;
        continue;
      }
      const address = listAddressSchema.safeParse(number);
      if (!address.success) {
        errors.push({
          where,
          message: `${type} "${number}": ${address.error.issues[0]?.message ?? "invalid"}`,
        });
        continue;
      }
      const why = [`SDN uid ${uid}`, programs.join(", "), type].filter(Boolean).join("; ");
      entries.push({
        chainId: null,
        address: address.data,
        reference: `${nameOf(entry)} (${why})`.slice(0, LIST_REFERENCE_MAX),
      });
    }
  });
  if (errors.length > 0) return refused("ofac-sdn-xml", errors);
  return {
    ok: true,
    format: "ofac-sdn-xml",
    version: publishDate ? isoDate(publishDate) : null,
    skipped,
    lists: [{ name: listName, entries: dedupeEntries(entries) }],
  };
}
