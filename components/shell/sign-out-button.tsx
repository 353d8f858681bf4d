"use client";

import { useActionState } from "react";
import { signOut } from "@/lib/actions/sign-out";

/** A form, so it works before hydration too; the server action ends the session. */
export function SignOutButton() {
  const [state, action, pending] = useActionState(signOut, null);
  return (
    <form action={action} className="flex items-center gap-2">
      {state && !state.ok ? (
        <span role="alert" className="text-xs text-red-700">
          {state.message}
        </span>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600 disabled:opacity-60"
      >
        Sign out
      </button>
    </form>
  );
}
