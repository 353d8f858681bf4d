// Transport compression of downloads. `next start` gzips every compressible response at zlib's
// default level (6) when the client asks; on a million-row CSV export that was ~3.9 of next-server's
// 8.5 CPU-seconds and held the export under 90k rows/s (bench:export). Exports that are text (CSV,
// goAML XML) are gzipped here instead, at level 1: several times cheaper per byte, and CSV still
// shrinks to a fraction (README "Exports"). A response that already carries Content-Encoding is
// passed through by Next's compression untouched. XLSX and PDF are compressed inside already.
import { pipeline, type Readable } from "node:stream";
import { createGzip, constants } from "node:zlib";

/** zlib level for downloads: fastest; the file is streamed once and read by a browser. */
export const DOWNLOAD_GZIP_LEVEL = 1;

const TEXT_TYPES = /^(text\/|application\/(xml|json)\b)/i;

/** Whether a download of this content type is worth compressing on the wire. */
export function isCompressibleType(contentType: string): boolean {
  return TEXT_TYPES.test(contentType);
}

/**
 * Whether an Accept-Encoding header admits gzip (RFC 9110 §12.5.3): `gzip` (or its alias `x-gzip`)
 * listed with q > 0, or absent but `*` with q > 0. An explicit `gzip;q=0` refuses it whatever `*`
 * says; no header means no preference, and the bytes go as they are.
 */
export function acceptsGzip(header: string | null | undefined): boolean {
  if (!header) return false;
  let gzip: number | undefined;
  let star: number | undefined;
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.trim().split(";");
    const coding = name.trim().toLowerCase();
    if (coding !== "gzip" && coding !== "x-gzip" && coding !== "*") continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    if (!Number.isFinite(q)) q = 0;
    if (coding === "*") star = Math.max(star ?? 0, q);
    else gzip = Math.max(gzip ?? 0, q);
  }
  if (gzip !== undefined) return gzip > 0;
  return (star ?? 0) > 0;
}

/**
 * The file's bytes gzipped as they stream. An error in the file destroys the compressed stream
 * with it (the download fails instead of ending as a shorter, valid gzip), and a reader that goes
 * away destroys the file's stream (the export records it as abandoned).
 */
export function gzipStream(source: Readable): Readable {
  const gzip = createGzip({ level: DOWNLOAD_GZIP_LEVEL, flush: constants.Z_NO_FLUSH });
  return pipeline(source, gzip, () => {
    // pipeline has destroyed both streams on failure; the reader sees the error.
  });
}
