import type { ReactNode } from "react";

/** The view's h1 and a one-line context under it. */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-4">
      <h1 className="text-lg font-semibold text-slate-900">{title}</h1>
      {children ? <p className="mt-0.5 text-xs text-slate-500">{children}</p> : null}
    </div>
  );
}
