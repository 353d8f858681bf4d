import type { ReactNode } from "react";
import { cn } from "./cn";

/** One labelled figure inside a <dl>: the <dt> names the <dd> for assistive technology. */
export function Stat({
  label,
  children,
  hint,
  size = "md",
  className,
}: {
  label: string;
  children: ReactNode;
  hint?: ReactNode;
  size?: "md" | "lg";
  className?: string;
}) {
  return (
    <div className={cn("min-w-0", className)}>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className={cn("mt-0.5 font-semibold text-slate-900", size === "lg" ? "text-2xl" : "text-base")}>
        {children}
      </dd>
      {hint ? <dd className="mt-0.5 text-xs text-slate-500">{hint}</dd> : null}
    </div>
  );
}
