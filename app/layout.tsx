import type { Metadata } from "next";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "USD1 Supervision", template: "%s · USD1 Supervision" },
  description:
    "Supervision dashboard for the USD1 stablecoin: supply, issuance, corridors and indexer health.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        {/* URL state (filters, table pages) for client components: see components/shell/view-toolbar.tsx. */}
        <NuqsAdapter>{children}</NuqsAdapter>
      </body>
    </html>
  );
}
