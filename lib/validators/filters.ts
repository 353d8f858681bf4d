import { z } from "zod";

/** `?chain=` on every view: absent = all chains. A malformed value is an error, never a guess. */
export const chainParamSchema = z
  .string()
  .regex(/^\d{1,12}$/, "chain must be a numeric chain id")
  .transform(Number)
  .optional();

export type ChainParam = z.output<typeof chainParamSchema>;

/** Reads one search param (the first, if repeated). */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
