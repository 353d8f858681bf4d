import { describe, expect, it } from "vitest";
import { ISO_3166_ALPHA2, isCountryCode } from "./iso3166";

describe("ISO 3166-1 alpha-2", () => {
  it("lists the 249 assigned codes once each, sorted", () => {
    expect(ISO_3166_ALPHA2).toHaveLength(249);
    expect(new Set(ISO_3166_ALPHA2).size).toBe(249);
    expect([...ISO_3166_ALPHA2].sort()).toEqual([...ISO_3166_ALPHA2]);
  });

  it("every code is a region ICU can name (no typos)", () => {
    const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });
    for (const code of ISO_3166_ALPHA2) expect(names.of(code), code).not.toBe(code);
  });

  it("refuses reserved, user-assigned and lower-case codes", () => {
    for (const code of ["PK", "AE", "GB", "SS", "CW"]) expect(isCountryCode(code), code).toBe(true);
    for (const code of ["UK", "EU", "ZZ", "XK", "AN", "QQ", "pk", "P", "PAK", ""]) {
      expect(isCountryCode(code), code).toBe(false);
    }
  });
});
