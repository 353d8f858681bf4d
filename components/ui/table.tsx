import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

/** Dense data table; the caption names it for screen readers (visible when `showCaption`). */
export function Table({
  caption,
  showCaption = false,
  children,
  className,
}: {
  caption: string;
  showCaption?: boolean;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className="overflow-x-auto">
      <table className={cn("w-full border-collapse text-sm", className)}>
        <caption className={showCaption ? "pb-2 text-left text-xs text-slate-500" : "sr-only"}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

type CellProps = { numeric?: boolean };

/** Column header by default; `scope="row"` styles it as the row's first (naming) cell. */
export function Th({
  numeric,
  className,
  scope = "col",
  ...props
}: ThHTMLAttributes<HTMLTableCellElement> & CellProps) {
  return (
    <th
      scope={scope}
      className={cn(
        scope === "row"
          ? "border-b border-slate-100 px-2 py-1.5 align-top text-sm font-medium text-slate-900"
          : "border-b border-slate-200 px-2 py-1.5 text-xs font-medium whitespace-nowrap text-slate-500",
        numeric ? "text-right" : "text-left",
        className,
      )}
      {...props}
    />
  );
}

export function Td({ numeric, className, ...props }: TdHTMLAttributes<HTMLTableCellElement> & CellProps) {
  return (
    <td
      className={cn(
        "border-b border-slate-100 px-2 py-1.5 align-top",
        numeric && "text-right whitespace-nowrap tabular-nums",
        className,
      )}
      {...props}
    />
  );
}
