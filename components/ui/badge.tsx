import type { ReactNode } from "react";
import { cn } from "./cn";

export type BadgeTone = "success" | "danger" | "warning" | "neutral";

const TONES: Record<BadgeTone, string> = {
  success: "border-emerald-200 bg-emerald-50 text-emerald-800",
  danger: "border-red-200 bg-red-50 text-red-800",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  neutral: "border-slate-200 bg-slate-100 text-slate-700",
};

export type BadgeProps = {
  tone: BadgeTone;
  children: ReactNode;
  title?: string;
  className?: string;
  "data-testid"?: string;
};

/** Status pill. The text itself carries the meaning; colour only reinforces it. */
export function Badge({ tone, children, title, className, ...rest }: BadgeProps) {
  return (
    <span
      title={title}
      data-testid={rest["data-testid"]}
      data-tone={tone}
      className={cn(
        "inline-flex items-center whitespace-nowrap rounded border px-1.5 py-0.5 text-xs font-medium",
        TONES[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}
