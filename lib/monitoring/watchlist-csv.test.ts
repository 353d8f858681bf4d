import { describe, expect, it } from "vitest";
import { parseCsv, parseWatchlistCsv, toWatchlistCsv, WatchlistCsvError } from "./watchlist-csv";

const A = "0x00000000000000000000000000000000000000Aa";

describe("watchlist CSV", () => {
  it("parses quoted fields, CRLF and any column order", () => {
    expect(parseCsv('a,"b, c","say ""hi"""\r\n1,2,3\n')).toEqual([
      ["a", "b, c", 'say "hi"'],
      ["1", "2", "3"],
    ]);
    const rows = parseWatchlistCsv(
      `list_name,address,chain_id,reference\n"OFAC SDN",${A},1,"SDN-1, entry 2"\n`,
    );
    expect(rows).toEqual([
      { chainId: 1, address: A.toLowerCase(), listName: "OFAC SDN", reference: "SDN-1, entry 2" },
    ]);
  });

  it("makes the reference optional and round-trips through toWatchlistCsv", () => {
    const rows = parseWatchlistCsv(`chain_id,address,list_name\n56,${A},Mixers\n`);
    expect(rows[0]?.reference).toBe("");
    expect(parseWatchlistCsv(toWatchlistCsv(rows))).toEqual(rows);
  });

  it("rejects a missing column, a bad address, the zero address and an empty list name, naming the line", () => {
    expect(() => parseWatchlistCsv(`chain_id,address\n1,${A}\n`)).toThrow(/missing list_name/);
    expect(() => parseWatchlistCsv(`chain_id,address,list_name\n1,0x12,X\n`)).toThrow(/line 2: address/);
    expect(() => parseWatchlistCsv(`chain_id,address,list_name\n1,0x${"0".repeat(40)},X\n`)).toThrow(
      WatchlistCsvError,
    );
    expect(() => parseWatchlistCsv(`chain_id,address,list_name\n1,${A},X\n1,${A},\n`)).toThrow(
      /line 3: listName/,
    );
  });
});
