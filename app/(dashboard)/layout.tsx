import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireRouteAccess } from "@/lib/auth/guards";

// Every dashboard view needs a session; the access declared for the path (lib/auth/route-access.ts)
// is enforced here, before anything streams, so refusals are real 307/403 responses.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await requireRouteAccess();
  return (
    <AppShell user={{ name: session.name, email: session.email, role: session.role }}>{children}</AppShell>
  );
}
