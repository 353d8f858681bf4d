// The registry's boundaries: admin forms (FormData strings) and CSV import rows share these field
// schemas, so a value the form refuses is refused by the import with the same words.
import { isAddress, type Address } from "viem";
import { z } from "zod";
import { ADDRESS_TAGS, ENTITY_KINDS, LICENCE_STATUSES, type AddressTag } from "@/db/schema/registry";
import { isCountryCode } from "@/lib/config/iso3166";

export const ENTITY_NAME_MAX = 200;
export const LABEL_MAX = 200;
/** chain_id is an int4 column. */
const CHAIN_ID_MAX = 2_147_483_647;

/** Import limits: a registry is thousands of rows, not millions; past these it is a mistake. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;

const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

export const entityNameSchema = z
  .string({ error: "Enter the entity's name." })
  .trim()
  .min(1, "Enter the entity's name.")
  .max(ENTITY_NAME_MAX, `An entity name has at most ${ENTITY_NAME_MAX} characters.`)
  .refine((s) => !CONTROL_CHARS.test(s), "An entity name cannot contain control characters.");

const list = (values: readonly string[]) => values.join(", ");

export const entityKindSchema = z
  .string({ error: "Choose a kind." })
  .trim()
  .toLowerCase()
  .pipe(
    z.enum(ENTITY_KINDS, {
      error: (i) => `Unknown kind "${String(i.input)}"; use one of ${list(ENTITY_KINDS)}.`,
    }),
  );

export const licenceStatusSchema = z
  .string({ error: "Choose a licence status." })
  .trim()
  .toLowerCase()
  .pipe(
    z.enum(LICENCE_STATUSES, {
      error: (i) => `Unknown licence status "${String(i.input)}"; use one of ${list(LICENCE_STATUSES)}.`,
    }),
  );

/** ISO 3166-1 alpha-2, officially assigned (lib/config/iso3166.ts); case is normalised. */
export const countrySchema = z
  .string({ error: "Choose a country." })
  .trim()
  .toUpperCase()
  .refine(isCountryCode, {
    error: (i) =>
      `Unknown country code "${String(i.input)}"; use an ISO 3166-1 alpha-2 code such as PK or AE.`,
  });

/** Form fields and CSV cells are strings; a JSON caller may send a number. */
export const chainIdSchema = z
  .union([z.number(), z.string()], { error: "Enter a chain id." })
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(/^[1-9]\d{0,9}$/, "A chain id is a positive whole number, such as 1 or 56."))
  .transform(Number)
  .refine((n) => n <= CHAIN_ID_MAX, `A chain id is at most ${CHAIN_ID_MAX}.`);

/**
 * 0x + 40 hex digits. Mixed case must be a valid EIP-55 checksum (a mistyped character in a
 * checksummed address is caught here, not attributed to the wrong wallet). Stored lower case.
 */
export const addressSchema = z
  .string({ error: "Enter an address." })
  .trim()
  .regex(/^0x[0-9a-fA-F]{40}$/, "An address is 0x followed by 40 hexadecimal digits.")
  .refine(
    (a) => isAddress(a, { strict: true }),
    "The address's upper/lower case does not match its EIP-55 checksum (a typo?). Paste the checksummed address, or write it all in lower case.",
  )
  .transform((a) => a.toLowerCase() as Address);

const tagSchema = z.enum(ADDRESS_TAGS, {
  error: (i) => `Unknown tag "${String(i.input)}"; use ${list(ADDRESS_TAGS)}.`,
});

/** "bridge;treasury" or "bridge|treasury" (CSV, hidden form field) or an array; empty = no tags. */
export const tagsSchema = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) =>
    (Array.isArray(v) ? v : (v ?? "").split(/[;|]/))
      .map((t) => t.trim().toLowerCase())
      .filter((t) => t.length > 0),
  )
  .pipe(z.array(tagSchema))
  .transform((tags): AddressTag[] => [...new Set(tags)]);

export const entityFormSchema = z.object({
  name: entityNameSchema,
  kind: entityKindSchema,
  country: countrySchema,
  licenceStatus: licenceStatusSchema,
});
export type EntityFormInput = z.input<typeof entityFormSchema>;
export type EntityFields = z.output<typeof entityFormSchema>;

export const entityIdSchema = z.coerce
  .number({ error: "Unknown entity." })
  .int("Unknown entity.")
  .positive("Unknown entity.")
  .max(CHAIN_ID_MAX, "Unknown entity.");

export const createEntitySchema = entityFormSchema;
export const updateEntitySchema = entityFormSchema.extend({ id: entityIdSchema });
export type UpdateEntityInput = z.output<typeof updateEntitySchema>;

const labelSchema = z
  .string()
  .trim()
  .max(LABEL_MAX, `A label has at most ${LABEL_MAX} characters.`)
  .refine((s) => !CONTROL_CHARS.test(s), "A label cannot contain control characters.")
  .optional()
  .transform((s) => (s ? s : null));

/** Add an address to an entity, or move it there (and replace its label and tags). */
export const upsertAddressSchema = z.object({
  entityId: entityIdSchema,
  chainId: chainIdSchema,
  address: addressSchema,
  label: labelSchema,
  tags: tagsSchema,
});
export type UpsertAddressInput = z.output<typeof upsertAddressSchema>;

/** The uploaded file; size, encoding and content are checked by the import itself. */
export const importRegistrySchema = z.object({
  file: z.custom<Blob>((v) => v instanceof Blob, "Choose a CSV file to import."),
});

/** Filters of the registry's entities table (`?kind=&country=&licence=`). */
export const registryTableFilters = {
  kind: entityKindSchema,
  country: countrySchema,
  licence: licenceStatusSchema,
};
