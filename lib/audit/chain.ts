// The audit log's hash chain: what exactly is hashed. The database computes it at insert
// (migration 0007_audit_chain: audit_log_row_hash) and `npm run audit:verify` recomputes it here,
// so the two must agree byte for byte (tested in lib/audit/verify.int.test.ts).
import { createHash } from "node:crypto";

/** prev_hash of the first row. */
export const GENESIS_HASH = "0".repeat(64);

/** Versions the layout below; a new layout gets a new tag, never a silent change. */
export const CHAIN_TAG = "usd1.audit_log.v1";

/**
 * One audit row as the database renders each column to text: `id`, `seq` in decimal; `at` as
 * `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` (microseconds, always UTC);
 * `params` as `params::text` (jsonb's own normalised output: keys sorted, fixed spacing); the
 * others as stored. null is SQL NULL.
 */
export type ChainFields = {
  id: string;
  seq: string;
  prevHash: string;
  at: string;
  actorUserId: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  action: string;
  target: string | null;
  params: string;
  ip: string | null;
  userAgent: string | null;
  checksum: string | null;
};

/** The fields in hashing order, after the tag. */
export const CHAIN_FIELD_ORDER = [
  "id",
  "seq",
  "prevHash",
  "at",
  "actorUserId",
  "actorEmail",
  "actorRole",
  "action",
  "target",
  "params",
  "ip",
  "userAgent",
  "checksum",
] as const satisfies readonly (keyof ChainFields)[];

/**
 * A netstring (`<UTF-8 byte length>:<value>,`), or `~,` for NULL: no value can end one field
 * early or leak into the next, and NULL differs from "".
 */
function field(v: string | null): string {
  return v === null ? "~," : `${Buffer.byteLength(v, "utf8")}:${v},`;
}

/** The canonical content: the tag, then each field in CHAIN_FIELD_ORDER, concatenated. */
export function canonicalContent(f: ChainFields): string {
  return field(CHAIN_TAG) + CHAIN_FIELD_ORDER.map((k) => field(f[k])).join("");
}

/** row_hash: lower-case hex SHA-256 of the canonical content's UTF-8 bytes. */
export function rowHash(f: ChainFields): string {
  return createHash("sha256").update(canonicalContent(f), "utf8").digest("hex");
}
