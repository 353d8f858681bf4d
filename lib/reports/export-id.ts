// Every exported file carries its export id (CSV/XLSX column, XLSX "Filter" sheet, PDF footer,
// goAML <entity_reference>) and the audit row of the export has it as its target, so a printed
// page or a forwarded file leads back to who exported what, when, with which filter.
import { randomBytes } from "node:crypto";

// Crockford base32: no I, L, O, U, so a number read off paper is unambiguous.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** "EX-7K2M-9QH4-TZ8D": 60 random bits. Matches EXPORT_ID_RE (lib/validators/exports.ts). */
export function newExportId(): string {
  const bytes = randomBytes(8);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let digits = "";
  for (let i = 0; i < 12; i++) {
    digits += ALPHABET[Number(bits & 31n)];
    bits >>= 5n;
  }
  return `EX-${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8, 12)}`;
}
