// Imported sanctions and high-risk lists (lib/monitoring/lists): the entry shape every format
// yields, and the Lists page's inputs.
import { z } from "zod";
import { REGISTRY_LIST } from "@/lib/monitoring/address-book";

export const WATCHLIST_FORMATS = ["csv", "ofac-sdn-xml"] as const;
export type WatchlistFormat = (typeof WATCHLIST_FORMATS)[number];

export const WATCHLIST_FORMAT_LABELS: Record<WatchlistFormat, string> = {
  csv: "CSV (chain_id, address, list_name, reference)",
  "ofac-sdn-xml": "OFAC SDN XML (sdn.xml)",
};

/** Server actions take at most 6 MB (next.config.js); larger files go through the CLI. */
export const MAX_LIST_BYTES = 5 * 1024 * 1024;
export const LIST_NAME_MAX = 200;
export const LIST_REFERENCE_MAX = 500;

const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

export const listNameSchema = z
  .string()
  .trim()
  .min(1, "Enter the list's name.")
  .max(LIST_NAME_MAX, `A list name has at most ${LIST_NAME_MAX} characters.`)
  .refine((s) => !CONTROL_CHARS.test(s), "A list name cannot contain control characters.")
  // R1 reads the registry's sanctioned/high_risk tags as the list of this name.
  .refine(
    (s) => s.toLowerCase() !== REGISTRY_LIST,
    `"${REGISTRY_LIST}" names the registry's sanctioned and high-risk tags; choose another name.`,
  );

export const EVM_ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;

export const listAddressSchema = z
  .string()
  .trim()
  .regex(EVM_ADDRESS_RE, "must be a 0x-prefixed 20-byte address")
  .refine((a) => !/^0x0{40}$/.test(a), "the zero address cannot be listed")
  .transform((a) => a.toLowerCase() as `0x${string}`);

/** A CSV cell: empty means the entry applies to every chain. */
export const listChainIdSchema = z
  .string()
  .trim()
  .transform((s, ctx) => {
    if (s === "") return null;
    if (!/^\d{1,12}$/.test(s) || Number(s) < 1) {
      ctx.addIssue({ code: "custom", message: "must be a positive chain id, or empty for every chain" });
      return z.NEVER;
    }
    return Number(s);
  });

/** Lists page upload: the file, the list's name, its format ("auto" reads the file). */
export const importWatchlistFormSchema = z.object({
  file: z.custom<Blob>((v) => v instanceof Blob && v.size > 0, "Choose a list file to import."),
  name: listNameSchema,
  format: z.enum(["auto", ...WATCHLIST_FORMATS], { error: "Choose the file's format." }).default("auto"),
});

export const retireWatchlistSchema = z.object({
  id: z.coerce.number().int().positive(),
  reason: z
    .string({ error: "Say why the list is retired." })
    .trim()
    .min(3, "Say why the list is retired.")
    .max(500, "A reason has at most 500 characters.")
    .refine(
      (s) => !CONTROL_CHARS.test(s.replace(/[\r\n\t]/g, " ")),
      "The reason cannot contain control characters.",
    ),
});

/** `/lists/[id]?page=`: entries are shown 100 at a time. */
export const listEntriesPageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);
