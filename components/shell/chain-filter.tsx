import Link from "next/link";
import { cn } from "@/components/ui/cn";

export type ChainOption = { chainId: number; name: string };

/** Chain filter kept in the URL (`?chain=`), so a filtered view can be shared and reloaded. */
export function ChainFilter({
  chains,
  selected,
  path,
}: {
  chains: ChainOption[];
  selected?: number | undefined;
  path: string;
}) {
  const options = [{ chainId: undefined, name: "All chains" }, ...chains];
  return (
    <nav aria-label="Chain filter" className="flex flex-wrap gap-1 text-sm">
      {options.map((o) => {
        const active = o.chainId === selected;
        return (
          <Link
            key={o.chainId ?? "all"}
            href={o.chainId === undefined ? path : `${path}?chain=${o.chainId}`}
            aria-current={active ? "page" : undefined}
            className={cn(
              "rounded border px-2 py-1",
              active
                ? "border-slate-800 bg-slate-800 text-white"
                : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
            )}
          >
            {o.name}
          </Link>
        );
      })}
    </nav>
  );
}
