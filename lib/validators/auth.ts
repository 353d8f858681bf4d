import { z } from "zod";
import { AUDIT_ACTIONS } from "@/db/schema/audit";
import { USER_ROLES } from "@/db/schema/auth";

/** RFC 5321 caps an address at 254 characters; anything longer is refused before any lookup. */
export const EMAIL_MAX = 254;
export const PASSWORD_MIN = 12;
/** Past this, hashing becomes a denial-of-service lever; better-auth is given the same limit. */
export const PASSWORD_MAX = 128;

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .min(1, "Enter your email address.")
  .max(EMAIL_MAX, `An email address has at most ${EMAIL_MAX} characters.`)
  .pipe(z.email("Enter a valid email address."))
  .transform((e) => e.toLowerCase());

/** Sign-in accepts any length up to the maximum (old passwords may predate the minimum). */
export const signInSchema = z.object({
  email: emailSchema,
  password: z
    .string({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(PASSWORD_MAX, `A password has at most ${PASSWORD_MAX} characters.`),
  next: z.string().max(512).optional(),
});
export type SignInInput = z.input<typeof signInSchema>;

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `A password needs at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `A password has at most ${PASSWORD_MAX} characters.`);

export const roleSchema = z.enum(USER_ROLES, { error: "Choose a role." });

export const createUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, "Enter a name.").max(120, "A name has at most 120 characters."),
  role: roleSchema,
  password: newPasswordSchema,
});
export type CreateUserInput = z.input<typeof createUserSchema>;

const userIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Unknown user.");

export const setUserRoleSchema = z.object({ userId: userIdSchema, role: roleSchema });
export const userIdInputSchema = z.object({ userId: userIdSchema });

/** Filters of the audit log page (search params). */
export const auditFilterSchema = z.object({
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  actor: z.string().trim().max(EMAIL_MAX).optional().catch(undefined),
  target: z.string().trim().max(200).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type AuditFilter = z.output<typeof auditFilterSchema>;

// Any origin works as the base: only whether the candidate keeps it matters. `.invalid` is
// reserved (RFC 2606), so no real site can share it.
const NEXT_BASE = "http://next-path.invalid";

/** The candidate as a same-origin path (pathname + search + hash), or null when it leaves. */
function sameOriginPath(candidate: string): string | null {
  try {
    const url = new URL(candidate, NEXT_BASE);
    return url.origin === NEXT_BASE ? `${url.pathname}${url.search}${url.hash}` : null;
  } catch {
    return null;
  }
}

/**
 * Only same-site paths after sign-in (open redirect). The candidate is parsed as the browser will
 * parse the Location header (tabs and newlines dropped, `\` read as `/`), and what is returned is
 * that parse, never the raw string. Its once-decoded form must stay on the site too, so a layer
 * that decodes again cannot turn `/%2F%2Fevil.example` into `//evil.example`.
 */
export function safeNextPath(next: string | null | undefined, fallback = "/overview"): string {
  if (!next || !next.startsWith("/")) return fallback;
  const path = sameOriginPath(next);
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return fallback;
  }
  if (!path || !sameOriginPath(decoded)) return fallback;
  if (path.startsWith("/api/") || path.startsWith("/sign-in")) return fallback;
  return path;
}
