import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { decodeCopyField, inlineSql } from "./copy-out";

describe("COPY text format", () => {
  it.each([
    ["\\N", null],
    ["plain", "plain"],
    ["tab\\there", "tab\there"],
    ["two\\nlines\\r", "two\nlines\r"],
    ["back\\\\slash", "back\\slash"],
    ["octal\\101\\x42", "octalAB"],
    ["", ""],
  ])("%j decodes to %j", (raw, value) => {
    expect(decodeCopyField(raw)).toBe(value);
  });

  it("inlines parameters as quoted literals (COPY takes no bind parameters)", () => {
    const name = "O'Brien";
    expect(inlineSql(sql`select * from entities where name = ${name} and id = ${7}`)).toBe(
      "select * from entities where name = 'O''Brien' and id = 7",
    );
  });
});
