import type { ReactNode } from "react";
import { ROLE_LABELS, type UserRole } from "@/lib/auth/roles";
import { AppNav } from "./app-nav";
import { navItemsFor } from "./nav-items";
import { SignOutButton } from "./sign-out-button";

export const PRODUCT_NAME = "USD1 Supervision";

export type ShellUser = { name: string; email: string; role: UserRole };

/** Header, left navigation and the main landmark that every dashboard view renders into. */
export function AppShell({ user, children }: { user: ShellUser; children: ReactNode }) {
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
        <div className="ml-auto flex items-center gap-3">
          <p className="text-right text-xs leading-tight text-slate-600" data-testid="current-user">
            <span className="block font-medium text-slate-900">{user.name}</span>
            <span>
              {user.email} · <span data-testid="current-role">{ROLE_LABELS[user.role]}</span>
            </span>
          </p>
          <SignOutButton />
        </div>
      </header>
      <div className="flex flex-1">
        <aside className="w-48 shrink-0 border-r border-slate-200 bg-slate-100">
          <AppNav items={navItemsFor(user.role)} />
        </aside>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-6 py-5 focus:outline-none">
          {children}
        </main>
      </div>
    </div>
  );
}
