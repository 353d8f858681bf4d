// SHA-256 of an export, computed on the bytes as they leave (no second pass over the file).
import { createHash, type Hash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";

export type ChecksumResult = { sha256: string; bytes: number };

/**
 * A pass-through stream that hashes every byte it forwards. `onEnd` runs before the stream
 * ends, so a consumer sees the end of the file only once `onEnd` (e.g. the audit insert) has
 * succeeded; if it fails, the stream errors instead of ending.
 */
export class ChecksumTap extends Transform {
  private readonly hash: Hash = createHash("sha256");
  private count = 0;
  private result: ChecksumResult | undefined;

  constructor(private readonly onEnd?: (r: ChecksumResult) => Promise<void>) {
    super();
  }

  override _transform(chunk: Buffer | string, _enc: BufferEncoding, cb: TransformCallback): void {
    const buf = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    this.hash.update(buf);
    this.count += buf.length;
    cb(null, buf);
  }

  override _flush(cb: TransformCallback): void {
    this.result = { sha256: this.hash.digest("hex"), bytes: this.count };
    if (!this.onEnd) return cb();
    this.onEnd(this.result).then(
      () => cb(),
      (err: unknown) => cb(err instanceof Error ? err : new Error(String(err))),
    );
  }

  /** Available once the stream has flushed. */
  get checksum(): ChecksumResult {
    if (!this.result) throw new Error("checksum read before the stream ended");
    return this.result;
  }
}

/** SHA-256 hex of a whole buffer (tests, small files). */
export function sha256Hex(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}
