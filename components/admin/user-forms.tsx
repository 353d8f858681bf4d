"use client";

// The admin page's forms. Each posts a server action that re-checks the admin role; these only
// show the outcome. Role options arrive as props (no server modules in the browser bundle).
import { useActionState } from "react";
import { createUser } from "@/lib/actions/create-user";
import { deactivateUser } from "@/lib/actions/deactivate-user";
import { reactivateUser } from "@/lib/actions/reactivate-user";
import { setUserRole } from "@/lib/actions/set-user-role";

export type RoleOption = { value: string; label: string };

const field =
  "mt-1 block w-full rounded border border-slate-300 px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-sky-600";
const button =
  "rounded bg-slate-900 px-3 py-1 text-sm font-medium text-white hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-60";

function Outcome({ state, testId }: { state: { ok: boolean; message?: string } | null; testId: string }) {
  if (!state?.message) return null;
  return (
    <p
      role={state.ok ? "status" : "alert"}
      data-testid={testId}
      className={state.ok ? "text-sm text-emerald-800" : "text-sm text-red-800"}
    >
      {state.message}
    </p>
  );
}

export function CreateUserForm({ roles }: { roles: readonly RoleOption[] }) {
  const [state, action, pending] = useActionState(createUser, null);
  return (
    <form
      action={action}
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end"
      aria-label="Create a user"
    >
      <label className="block text-sm font-medium text-slate-800">
        Email
        <input className={field} type="email" name="email" required autoComplete="off" />
      </label>
      <label className="block text-sm font-medium text-slate-800">
        Name
        <input className={field} type="text" name="name" required autoComplete="off" />
      </label>
      <label className="block text-sm font-medium text-slate-800">
        Role
        <select className={field} name="role" defaultValue="analyst">
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm font-medium text-slate-800">
        First password
        <input className={field} type="password" name="password" required autoComplete="new-password" />
      </label>
      <button type="submit" className={button} disabled={pending}>
        Create user
      </button>
      <div className="sm:col-span-2 lg:col-span-5">
        <Outcome state={state} testId="create-user-outcome" />
      </div>
    </form>
  );
}

export function UserRoleForm({
  userId,
  email,
  role,
  roles,
}: {
  userId: string;
  email: string;
  role: string;
  roles: readonly RoleOption[];
}) {
  const [state, action, pending] = useActionState(setUserRole, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label className="sr-only" htmlFor={`role-${userId}`}>
        Role of {email}
      </label>
      <select
        id={`role-${userId}`}
        name="role"
        defaultValue={role}
        className="rounded border border-slate-300 px-1 py-0.5 text-sm"
      >
        {roles.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </select>
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-300 px-2 py-0.5 text-xs font-medium hover:bg-slate-100"
      >
        Change role<span className="sr-only"> of {email}</span>
      </button>
      <Outcome state={state} testId={`role-outcome-${email}`} />
    </form>
  );
}

export function UserStatusForm({
  userId,
  email,
  deactivated,
  self,
}: {
  userId: string;
  email: string;
  deactivated: boolean;
  self: boolean;
}) {
  const [state, action, pending] = useActionState(deactivated ? reactivateUser : deactivateUser, null);
  if (self) return <span className="text-xs text-slate-500">You</span>;
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-300 px-2 py-0.5 text-xs font-medium hover:bg-slate-100"
      >
        {deactivated ? "Reactivate" : "Deactivate"}
        <span className="sr-only"> {email}</span>
      </button>
      <Outcome state={state} testId={`status-outcome-${email}`} />
    </form>
  );
}
