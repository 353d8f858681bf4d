import type { ReactNode } from "react";

export const formControl =
  "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-sky-600";
export const formButton =
  "rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-60";

/** Marks a control invalid and points it at its FormField message. */
export function invalidProps(id: string, error: string | undefined) {
  return error ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {};
}

/** A labelled control with its validation message wired to it (aria-describedby). */
export function FormField({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="text-sm">
      <label htmlFor={id} className="block font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint ? <p className="mt-0.5 text-xs text-slate-500">{hint}</p> : null}
      {error ? (
        <p id={`${id}-error`} className="mt-0.5 text-xs text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The server's answer: a status on success, an alert on refusal. */
export function ActionOutcome({
  state,
  testId,
  children,
}: {
  state: { ok: boolean; message?: string } | null;
  testId: string;
  children?: ReactNode;
}) {
  if (!state?.message) return null;
  return (
    <p
      role={state.ok ? "status" : "alert"}
      data-testid={testId}
      className={state.ok ? "text-sm text-emerald-800" : "text-sm text-red-800"}
    >
      {state.message}
      {children}
    </p>
  );
}
