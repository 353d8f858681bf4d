import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { z } from "zod";
import { PRODUCT_NAME } from "@/components/shell/app-shell";
import { SignInForm } from "@/components/sign-in/form";
import { SignInSsoButton } from "@/components/sign-in/sso-button";
import { getSession } from "@/lib/auth/guards";
import { getAuthSettings } from "@/lib/auth/instance";
import { safeNextPath } from "@/lib/validators/auth";

export const metadata: Metadata = { title: "Sign in" };

const searchSchema = z.object({
  next: z.string().max(512).optional().catch(undefined),
  error: z.string().max(100).optional().catch(undefined),
  "signed-out": z.string().max(8).optional().catch(undefined),
});

/** Messages for better-auth's OIDC callback errors; anything else gets the generic one. */
const SSO_ERRORS: Record<string, string> = {
  signup_disabled: "Your SSO account has no user here yet. Ask an administrator to create it.",
  BANNED_USER: "This account is deactivated. Ask an administrator to reactivate it.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  await connection();
  const params = searchSchema.parse(await searchParams);
  const next = safeNextPath(params.next);
  if (await getSession()) redirect(next);
  const { oidc } = getAuthSettings();
  const ssoError = params.error ? (SSO_ERRORS[params.error] ?? "Single sign-on failed. Try again.") : null;

  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-6 py-12">
      <p className="text-sm font-semibold tracking-tight text-slate-900">{PRODUCT_NAME}</p>
      <h1 className="mt-1 text-lg font-semibold text-slate-900">Sign in</h1>
      <p className="mt-1 mb-5 text-xs text-slate-500">
        Authorised central bank staff only. Access is logged.
      </p>
      {params["signed-out"] ? (
        <p
          role="status"
          className="mb-3 rounded border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700"
        >
          You have signed out.
        </p>
      ) : null}
      {ssoError ? (
        <p
          role="alert"
          className="mb-3 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900"
        >
          {ssoError}
        </p>
      ) : null}
      <SignInForm next={params.next ? next : undefined} />
      {oidc ? (
        <div className="mt-4 border-t border-slate-200 pt-4">
          <SignInSsoButton providerId={oidc.providerId} name={oidc.name} next={next} />
        </div>
      ) : null}
    </main>
  );
}
