import type { Metadata } from "next";
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
      <body>{children}</body>
    </html>
  );
}
