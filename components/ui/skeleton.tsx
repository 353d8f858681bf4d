import { Card } from "./card";
import { cn } from "./cn";

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded bg-slate-200", className)} />;
}

/** A card frame with placeholder rows, shown while its widget streams in. */
export function CardSkeleton({ id, title, rows = 4 }: { id: string; title: string; rows?: number }) {
  return (
    <Card id={id} title={title} busy>
      <p className="sr-only">Loading {title.toLowerCase()}…</p>
      <div className="space-y-2">
        <Skeleton className="h-7 w-56" />
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} className="h-4 w-full" />
        ))}
      </div>
    </Card>
  );
}
