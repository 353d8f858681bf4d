"use client";

import { useState, useTransition, type FormEvent } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";

type FormAction<T> = (prev: unknown, input: FormData) => Promise<ActionResult<T>>;

/**
 * Submits a form to a server action and keeps what was typed when the server refuses it (a form
 * `action` would reset the fields either way). A failed request (network, a proxy's 413) becomes
 * a message instead of the segment's error page.
 */
export function useActionForm<T>(
  action: FormAction<T>,
  opts: { resetOnSuccess?: boolean; onSuccess?: () => void } = {},
) {
  const [state, setState] = useState<ActionResult<T> | null>(null);
  const [pending, startTransition] = useTransition();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = new FormData(form);
    startTransition(async () => {
      let result: ActionResult<T>;
      try {
        result = await action(null, input);
      } catch {
        result = { ok: false, code: "unavailable", message: "The server did not answer. Try again." };
      }
      startTransition(() => setState(result));
      if (!result.ok) return;
      if (opts.resetOnSuccess) form.reset();
      opts.onSuccess?.();
    });
  }
  return { state, pending, onSubmit };
}

/** A field's first error from the action's validation, if any. */
export function fieldError(state: ActionResult<unknown> | null, name: string): string | undefined {
  return state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined;
}
