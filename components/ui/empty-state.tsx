import type { ReactNode } from "react";

export function EmptyState({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section
      aria-labelledby="empty-state-title"
      data-testid={testId}
      className="rounded-md border border-dashed border-slate-300 bg-white px-6 py-10 text-center"
    >
      <h2 id="empty-state-title" className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      <div className="mx-auto mt-2 max-w-xl space-y-2 text-sm text-slate-600">{children}</div>
    </section>
  );
}
