"use client";

import { useActionState } from "react";
import { signIn } from "@/lib/actions/sign-in";
import { EMAIL_MAX, PASSWORD_MAX } from "@/lib/validators/auth";

const input =
  "mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-sky-600 aria-[invalid=true]:border-red-500";

export function SignInForm({ next }: { next: string | undefined }) {
  const [state, action, pending] = useActionState(signIn, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={action} className="space-y-3" noValidate>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {failed ? (
        <p
          role="alert"
          data-testid="sign-in-error"
          className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900"
        >
          {failed.message}
        </p>
      ) : null}
      <label className="block text-sm font-medium text-slate-800">
        Email
        <input
          className={input}
          type="email"
          name="email"
          autoComplete="username"
          required
          maxLength={EMAIL_MAX + 1}
          aria-invalid={Boolean(failed?.fieldErrors?.email) || undefined}
        />
      </label>
      <label className="block text-sm font-medium text-slate-800">
        Password
        <input
          className={input}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          maxLength={PASSWORD_MAX + 1}
          aria-invalid={Boolean(failed?.fieldErrors?.password) || undefined}
        />
      </label>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
