import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { builtInSchema, elementPathsByLine, explain } from "./validate";
import { readXsd } from "./xsd";

const CUSTOM = fs.readFileSync(new URL("./testing/fiu-custom-4x.xsd", import.meta.url), "utf8");
const XS = 'xmlns:xs="http://www.w3.org/2001/XMLSchema"';

describe("readXsd", () => {
  it("reads the version and every code list of the built-in schema", () => {
    const facts = readXsd(builtInSchema().content);
    expect(facts.version).toBe("5.0.1-builtin");
    const sizes = Object.fromEntries(Object.entries(facts.codeLists).map(([k, v]) => [k, v?.length ?? null]));
    expect(sizes).toEqual({
      submission: 2,
      report: 4,
      currency: Intl.supportedValuesOf("currency").length,
      transmode: 4,
      funds: 4,
      accountType: 4,
      country: 249,
      contactType: 3,
      indicator: 12,
    });
    expect(facts.codeLists.country).not.toContainEqual(expect.objectContaining({ code: "ZZ" }));
    expect(facts.codeLists.country?.find((c) => c.code === "PK")).toEqual({ code: "PK", label: "Pakistan" });
  });

  it("reads an FIU's goaml:schemaVersion and labels written as comments", () => {
    const facts = readXsd(CUSTOM);
    expect(facts.version).toBe("4.0.2-PK-test");
    expect(facts.codeLists.transmode).toEqual([
      { code: "VAT", label: "Virtual asset transfer" },
      { code: "EFT", label: "Electronic funds transfer" },
    ]);
    expect(facts.codeLists.country?.map((c) => c.code)).toEqual(["-", "AE", "GB", "PK", "SA", "US"]);
    expect(facts.codeLists.indicator?.map((c) => c.code)).toEqual(["PKVA01", "PKVA02", "PKVA03"]);
  });

  it("follows inline types and named types restricting other named types; free text gives null", () => {
    const facts = readXsd(`<xs:schema ${XS}>
      <xs:element name="report"><xs:complexType><xs:sequence>
        <xs:element name="report_code"><xs:simpleType><xs:restriction base="xs:string">
          <xs:enumeration value="STR"/></xs:restriction></xs:simpleType></xs:element>
        <xs:element name="transmode_code" type="narrow"/>
        <xs:element name="indicator" type="xs:string"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:simpleType name="narrow"><xs:restriction base="wide"/></xs:simpleType>
      <xs:simpleType name="wide"><xs:restriction base="xs:string"><xs:enumeration value="A"/></xs:restriction></xs:simpleType>
    </xs:schema>`);
    expect(facts.version).toBeNull();
    expect(facts.codeLists.report).toEqual([{ code: "STR", label: null }]);
    expect(facts.codeLists.transmode).toEqual([{ code: "A", label: null }]);
    expect(facts.codeLists.indicator).toBeNull();
    expect(facts.codeLists.country).toBeNull();
  });

  it("refuses what is not a goAML report schema, saying why", () => {
    expect(() => readXsd("<xs:schema")).toThrow(/not well-formed XML/);
    expect(() => readXsd("<report/>")).toThrow(/not an XML Schema/);
    expect(() =>
      readXsd(
        `<xs:schema ${XS} targetNamespace="http://www.unodc.org/goaml"><xs:element name="report"/></xs:schema>`,
      ),
    ).toThrow(/target namespace \(http:\/\/www.unodc.org\/goaml\)/);
    expect(() =>
      readXsd(
        `<xs:schema ${XS} xmlns="urn:fiu" targetNamespace="urn:fiu"><xs:element name="report"/></xs:schema>`,
      ),
    ).toThrow(/target namespace \(urn:fiu\)/);
    expect(() => readXsd(`<xs:schema ${XS}><xs:element name="invoice"/></xs:schema>`)).toThrow(
      /no global <report>/,
    );
  });
});

describe("error paths and words", () => {
  it("maps each line to the path of the element that starts on it", () => {
    const xml =
      "<report>\n  <a>1</a>\n  <transaction>\n    <b/>\n  </transaction>\n  <transaction>\n    <b>2</b>\n  </transaction>\n  <i>x</i>\n  <i>y</i>\n</report>";
    expect(elementPathsByLine(xml)).toEqual([
      null,
      "/report",
      "/report/a",
      "/report/transaction[1]",
      "/report/transaction[1]/b",
      "/report/transaction[1]",
      "/report/transaction[2]",
      "/report/transaction[2]/b",
      "/report/transaction[2]",
      "/report/i",
      "/report/i[2]",
      "/report",
    ]);
  });

  it("says libxml2's errors in words", () => {
    expect(
      explain(
        "Schemas validity error : Element 'b': [facet 'minLength'] The value has a length of '0'; this underruns the allowed minimum length of '1'.",
      ),
    ).toBe("<b> is empty; the schema needs at least 1.");
    expect(
      explain(
        "Schemas validity error : Element 'rentity_id': 'x' is not a valid value of the atomic type 'xs:int'.",
      ),
    ).toBe('<rentity_id>: "x" is not a valid int value.');
    expect(explain("Schemas validity error : Element 'c': This element is not expected.")).toBe(
      "<c> is not allowed at this place by the schema.",
    );
  });
});
