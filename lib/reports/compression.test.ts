import { Readable } from "node:stream";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptsGzip, gzipStream, isCompressibleType } from "./compression";

async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe("acceptsGzip (RFC 9110 Accept-Encoding)", () => {
  it.each([
    ["gzip, deflate, br", true],
    ["br;q=1.0, gzip;q=0.8, *;q=0.1", true],
    ["GZIP", true],
    ["x-gzip", true],
    ["*", true],
    ["deflate, *;q=0.5", true],
    ["gzip;q=0", false],
    ["gzip;q=0, *", false],
    ["gzip; q=0.000", false],
    ["*;q=0", false],
    ["identity", false],
    ["br, deflate", false],
    ["", false],
    [null, false],
  ] as const)("%j → %s", (header, want) => {
    expect(acceptsGzip(header)).toBe(want);
  });
});

describe("isCompressibleType", () => {
  it("takes text and XML, leaves XLSX and PDF alone", () => {
    expect(isCompressibleType("text/csv; charset=utf-8")).toBe(true);
    expect(isCompressibleType("application/xml; charset=utf-8")).toBe(true);
    expect(isCompressibleType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).toBe(
      false,
    );
    expect(isCompressibleType("application/pdf")).toBe(false);
  });
});

describe("gzipStream", () => {
  it("gzips the bytes as they stream", async () => {
    const chunks = Array.from({ length: 200 }, (_, i) => Buffer.from(`row ${i},Δ,${"x".repeat(i)}\r\n`));
    const out = await collect(gzipStream(Readable.from(chunks)));
    expect(gunzipSync(out).equals(Buffer.concat(chunks))).toBe(true);
    expect(out.length).toBeLessThan(Buffer.concat(chunks).length);
  });

  it("fails the download when the file fails, instead of ending a shorter valid gzip", async () => {
    async function* failing() {
      yield Buffer.from("header\r\n");
      throw new Error("database went away");
    }
    await expect(collect(gzipStream(Readable.from(failing())))).rejects.toThrow("database went away");
  });

  it("stops the file when the reader goes away", async () => {
    let pulled = 0;
    let finished = false;
    async function* endless() {
      try {
        for (;;) {
          pulled++;
          yield Buffer.alloc(64 * 1024, 97);
        }
      } finally {
        finished = true;
      }
    }
    const source = Readable.from(endless());
    const gz = gzipStream(source);
    for await (const chunk of gz) {
      expect((chunk as Buffer).length).toBeGreaterThan(0);
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(source.destroyed).toBe(true);
    expect(finished).toBe(true);
    expect(pulled).toBeLessThan(1_000);
  });
});
