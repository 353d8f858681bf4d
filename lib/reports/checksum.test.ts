import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { exportIdSchema, EXPORT_ID_RE } from "@/lib/validators/exports";
import { ChecksumTap, sha256Hex } from "./checksum";
import { newExportId } from "./export-id";
import { exportFileName } from "./run-export";
import { readAll } from "./testing/fixture-table";

describe("ChecksumTap", () => {
  it("hashes exactly the bytes it forwards, and runs onEnd before the stream ends", async () => {
    const seen: string[] = [];
    const tap = new ChecksumTap(async (r) => {
      seen.push(`${r.sha256}:${r.bytes}`);
    });
    const out = await readAll(Readable.from(["héllo ", Buffer.from("wörld")]).pipe(tap));
    expect(out.toString("utf8")).toBe("héllo wörld");
    expect(tap.checksum).toEqual({
      sha256: sha256Hex("héllo wörld"),
      bytes: Buffer.byteLength("héllo wörld"),
    });
    expect(seen).toEqual([`${sha256Hex("héllo wörld")}:13`]);
    // Known vector: SHA-256 of the empty string.
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("fails the stream when onEnd fails (no clean end without an audit row)", async () => {
    const tap = new ChecksumTap(async () => {
      throw new Error("audit insert failed");
    });
    await expect(readAll(Readable.from(["x"]).pipe(tap))).rejects.toThrow("audit insert failed");
  });
});

describe("export ids and file names", () => {
  it("are typeable, unambiguous and distinct", () => {
    const ids = new Set(Array.from({ length: 2_000 }, newExportId));
    expect(ids.size).toBe(2_000);
    for (const id of ids) expect(id).toMatch(EXPORT_ID_RE);
    expect(exportIdSchema.parse(" ex-7k2m-9qh4-tz8d ")).toBe("EX-7K2M-9QH4-TZ8D");
    expect(exportIdSchema.safeParse("EX-7K2M-9QH4-TZ8I").success).toBe(false); // no I in Crockford base32
  });

  it("name the kind, the time and the export id", () => {
    expect(
      exportFileName("corridor_matrix", "xlsx", "EX-7K2M-9QH4-TZ8D", new Date("2025-04-01T08:30:00.123Z")),
    ).toBe("usd1-corridor-matrix-20250401T083000Z-EX-7K2M-9QH4-TZ8D.xlsx");
  });
});
