"use client";

import { useState } from "react";
import { authClient } from "@/lib/auth/client";

/** Shown only when OIDC_* is configured; better-auth redirects to the bank's SSO and back. */
export function SignInSsoButton({
  providerId,
  name,
  next,
}: {
  providerId: string;
  name: string;
  next: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function start() {
    setPending(true);
    setError(null);
    const res = await authClient.signIn.social({
      provider: providerId,
      callbackURL: next,
      errorCallbackURL: "/sign-in",
    });
    if (res.error) {
      setError(res.error.message ?? "Single sign-on is not available right now.");
      setPending(false);
    }
  }
  return (
    <div>
      <button
        type="button"
        onClick={start}
        disabled={pending}
        className="w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-600 disabled:opacity-60"
      >
        Sign in with {name}
      </button>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
