import type { ReactNode } from "react";
import { cn } from "./cn";

export type CardProps = {
  /** Stable id; the heading gets `${id}-title` and labels the section landmark. */
  id: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
  /** Marks the section busy for assistive technology while a skeleton shows. */
  busy?: boolean;
};

/** min-w-0: in a grid or flex row the card keeps to its track, and a wide table scrolls inside it. */
export function Card({ id, title, description, actions, className, children, busy }: CardProps) {
  const headingId = `${id}-title`;
  return (
    <section
      id={id}
      aria-labelledby={headingId}
      aria-busy={busy || undefined}
      className={cn("min-w-0 rounded-md border border-slate-200 bg-white shadow-sm", className)}
    >
      <header className="flex flex-wrap items-start justify-between gap-2 border-b border-slate-200 px-4 py-3">
        <div>
          <h2 id={headingId} className="text-sm font-semibold text-slate-900">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-xs text-slate-500">{description}</p> : null}
        </div>
        {actions}
      </header>
      <div className="p-4">{children}</div>
    </section>
  );
}
