import { describe, expect, it } from "vitest";
import { tryAcquireExportSlot } from "./export-slots";

describe("tryAcquireExportSlot", () => {
  it("hands out at most `max` slots and takes each back once", () => {
    const a = tryAcquireExportSlot(2);
    const b = tryAcquireExportSlot(2);
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    expect(tryAcquireExportSlot(2)).toBeNull();
    a!();
    a!(); // a second release of the same slot changes nothing
    const c = tryAcquireExportSlot(2);
    expect(c).not.toBeNull();
    expect(tryAcquireExportSlot(2)).toBeNull();
    b!();
    c!();
  });
});
