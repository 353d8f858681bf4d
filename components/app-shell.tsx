import type { ReactNode } from "react";
import { AppNav } from "./app-nav";

export const PRODUCT_NAME = "USD1 Supervision";

/** Header, left navigation and the main landmark that every dashboard view renders into. */
export function AppShell({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow"
      >
        Skip to content
      </a>
      <header className="flex h-12 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-4">
        <span
          aria-hidden="true"
          className="grid size-6 place-items-center rounded bg-slate-900 text-xs font-bold text-white"
        >
          $1
        </span>
        <p className="text-sm font-semibold tracking-tight text-slate-900">{PRODUCT_NAME}</p>
        <p className="hidden text-xs text-slate-500 sm:block">Stablecoin supply, flows and indexer health</p>
      </header>
      <div className="flex flex-1">
        <aside className="w-48 shrink-0 border-r border-slate-200 bg-slate-100">
          <AppNav />
        </aside>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-6 py-5 focus:outline-none">
          {children}
        </main>
      </div>
    </div>
  );
}
