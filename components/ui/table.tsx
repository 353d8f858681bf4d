import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

/** Dense data table; the caption names it for screen readers (visible when `showCaption`). */
export function Table({
  caption,
  showCaption = false,
  scrollRegion = false,
  children,
  className,
}: {
  caption: string;
  showCaption?: boolean;
  /**
   * For tables that can be wider than their card (a column per rule, say): the scroll container
   * becomes a focusable region named by the caption, so keyboard users can scroll it too.
   */
  scrollRegion?: boolean;
  children: ReactNode;
  className?: string;
}) {
  const region = scrollRegion ? ({ role: "region", "aria-label": caption, tabIndex: 0 } as const) : undefined;
  return (
    <div
      {...region}
      className={cn(
        // relative: absolutely positioned descendants (sr-only text) scroll and clip with the table
        // instead of widening the page.
        "relative overflow-x-auto",
        scrollRegion && "rounded focus-visible:outline-2 focus-visible:outline-slate-700",
      )}
    >
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
          ? "cell text-sm font-medium text-slate-900"
          : "border-b border-slate-200 px-2 py-1.5 text-xs font-medium whitespace-nowrap text-slate-500",
        numeric ? "text-right" : "text-left",
        className,
      )}
      {...props}
    />
  );
}

export function Td({ numeric, className, ...props }: TdHTMLAttributes<HTMLTableCellElement> & CellProps) {
  return <td className={cn("cell", numeric && "cell-num", className)} {...props} />;
}
