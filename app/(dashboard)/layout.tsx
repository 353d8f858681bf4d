import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell";

// The shell lives in the (dashboard) group so pages outside it (a later sign-in page) render bare.
export default function DashboardLayout({ children }: { children: ReactNode }) {
  return <AppShell>{children}</AppShell>;
}
