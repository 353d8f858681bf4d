import { describe, expect, it } from "vitest";
import { WatchSet } from "./watch-set";

const TOKEN = "0x8d0d000ee44948fc98c9b98a4fa4921476f08b0d";
const G1 = "0x1111111111111111111111111111111111111111";
const G2 = "0x2222222222222222222222222222222222222222";

describe("WatchSet", () => {
  it("lists the token first, tells listeners of new governors once, and refuses duplicates", () => {
    const w = new WatchSet(TOKEN);
    let changes = 0;
    w.onChange(() => changes++);
    w.addCovered(G1);
    expect(w.addPending({ address: G2, source: "configured", sinceBlock: 5n })).toBe(true);
    expect(w.addPending({ address: G2, source: "owner_at_start", sinceBlock: 6n })).toBe(false);
    expect(w.addPending({ address: G1, source: "owner_at_start", sinceBlock: 6n })).toBe(false);
    expect(w.addresses()).toEqual([TOKEN, G1, G2]);
    expect(changes).toBe(2);
    expect(w.has(TOKEN) && w.has(G1) && w.has(G2)).toBe(true);
  });

  it("hands a new governor's history to one batch; a stopped pipeline hands it out again", () => {
    const w = new WatchSet(TOKEN);
    const g = { address: G1, source: "ownership_transferred", sinceBlock: 9n } as const;
    w.addPending(g);
    expect(w.takePending()).toEqual([g]);
    expect(w.takePending()).toEqual([]); // later batches of the same run need not repeat it
    w.reset(); // the batch carrying it was never written
    expect(w.takePending()).toEqual([g]);
    w.committed([g]);
    w.reset();
    expect(w.takePending()).toEqual([]);
    expect(w.governors.has(G1)).toBe(true);
  });
});
