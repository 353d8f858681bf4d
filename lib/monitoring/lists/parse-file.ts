// A list file from bytes to lists: UTF-8 text, its format (stated, or read from the first
// character: XML starts with "<"), then the format's parser. Pure; the import service
// (db/queries/watchlists.ts) applies what this returns.
import type { WatchlistFormat } from "@/lib/validators/watchlists";
import { parseListCsv } from "./csv";
import { parseOfacSdnXml } from "./ofac-sdn";
import { refused, type ParsedListFile } from "./types";

export type ParseListFileParams = {
  bytes: Uint8Array;
  format: WatchlistFormat | "auto";
  /** The list's name; a CSV without one takes its list names from its list_name column. */
  name?: string;
};

export const DEFAULT_SDN_LIST_NAME = "OFAC SDN";

export function detectListFormat(text: string): WatchlistFormat {
  return text
    .replace(/^\uFEFF/, "")
    .trimStart()
    .startsWith("<")
    ? "ofac-sdn-xml"
    : "csv";
}

export function parseListFile(p: ParseListFileParams): ParsedListFile {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(p.bytes);
  } catch {
    return refused(p.format === "auto" ? null : p.format, [
      { where: "file", message: "the file is not UTF-8 text" },
    ]);
  }
  const format = p.format === "auto" ? detectListFormat(text) : p.format;
  return format === "csv"
    ? parseListCsv(text, { name: p.name })
    : parseOfacSdnXml(text, p.name?.trim() || DEFAULT_SDN_LIST_NAME);
}
