/**
 * The demo's cast of entities. Every name except the issuer is FICTIONAL: a demo must never assert a
 * licence status about a real firm. Countries and licence mixes follow DOMAIN.md section 3.
 */
import type { EntityKind, LicenceStatus } from "@/db/schema/registry";

/** Remittance source groups of DOMAIN.md section 3 (Pakistan's FY2025 inflows by source). */
export const SOURCE_GROUPS = ["SA", "AE", "GB", "EU", "US", "GCC", "REST"] as const;
export type SourceGroup = (typeof SOURCE_GROUPS)[number];

/** Share of remittances into PK by source group (sums to 1). */
export const CORRIDOR_WEIGHTS: Record<SourceGroup, number> = {
  SA: 0.24,
  AE: 0.2,
  GB: 0.15,
  EU: 0.12,
  US: 0.1,
  GCC: 0.09,
  REST: 0.1,
};

export type CatalogEntry = {
  name: string;
  kind: EntityKind;
  country: string;
  licenceStatus: LicenceStatus;
  /** Share within its source group (sources) or of PK receipts (destinations). */
  weight: number;
};

export type SourceEntry = CatalogEntry & { group: SourceGroup };

export const ISSUER_NAME = "World Liberty Financial";

export const SOURCE_CATALOG: readonly SourceEntry[] = [
  { group: "SA", name: "Najd Exchange Co.", kind: "exchange", country: "SA", licenceStatus: "licensed", weight: 0.5 },
  { group: "SA", name: "Al-Hijaz Remit", kind: "remittance_provider", country: "SA", licenceStatus: "licensed", weight: 0.35 },
  { group: "SA", name: "Red Sea Digital Bank", kind: "bank", country: "SA", licenceStatus: "licensed", weight: 0.15 },
  { group: "AE", name: "Gulf Crescent Exchange", kind: "exchange", country: "AE", licenceStatus: "licensed", weight: 0.45 },
  { group: "AE", name: "Emirates Link Remittance", kind: "remittance_provider", country: "AE", licenceStatus: "licensed", weight: 0.4 },
  { group: "AE", name: "Blue Dune OTC", kind: "exchange", country: "AE", licenceStatus: "unlicensed", weight: 0.15 },
  { group: "GB", name: "Thames Remit Ltd", kind: "remittance_provider", country: "GB", licenceStatus: "licensed", weight: 0.6 },
  { group: "GB", name: "Albion Digital Exchange", kind: "exchange", country: "GB", licenceStatus: "licensed", weight: 0.4 },
  { group: "EU", name: "Rhein Pay GmbH", kind: "remittance_provider", country: "DE", licenceStatus: "licensed", weight: 0.4 },
  { group: "EU", name: "Lumière Transfert SAS", kind: "remittance_provider", country: "FR", licenceStatus: "licensed", weight: 0.25 },
  { group: "EU", name: "Via Roma Exchange S.p.A.", kind: "exchange", country: "IT", licenceStatus: "licensed", weight: 0.2 },
  { group: "EU", name: "Iberia Envíos S.L.", kind: "remittance_provider", country: "ES", licenceStatus: "licensed", weight: 0.15 },
  { group: "US", name: "Liberty Bell Remit Inc.", kind: "remittance_provider", country: "US", licenceStatus: "licensed", weight: 0.6 },
  { group: "US", name: "Hudson Digital Exchange", kind: "exchange", country: "US", licenceStatus: "licensed", weight: 0.4 },
  { group: "GCC", name: "Doha Link Exchange", kind: "exchange", country: "QA", licenceStatus: "licensed", weight: 0.35 },
  { group: "GCC", name: "Kuwait Pearl Exchange", kind: "remittance_provider", country: "KW", licenceStatus: "licensed", weight: 0.3 },
  { group: "GCC", name: "Muscat Money Transfer", kind: "remittance_provider", country: "OM", licenceStatus: "licensed", weight: 0.2 },
  { group: "GCC", name: "Manama Remit W.L.L.", kind: "remittance_provider", country: "BH", licenceStatus: "licensed", weight: 0.15 },
  { group: "REST", name: "Maple Remit Inc.", kind: "remittance_provider", country: "CA", licenceStatus: "licensed", weight: 0.4 },
  { group: "REST", name: "Selangor Digital Exchange", kind: "exchange", country: "MY", licenceStatus: "licensed", weight: 0.35 },
  { group: "REST", name: "Harbour Pay Pty Ltd", kind: "remittance_provider", country: "AU", licenceStatus: "pending", weight: 0.25 },
]; // prettier-ignore

/** Receivers in Pakistan. Weights are shares of remittances landing at an attributed PK entity. */
export const DESTINATION_CATALOG: readonly CatalogEntry[] = [
  { name: "Indus Digital Exchange", kind: "exchange", country: "PK", licenceStatus: "licensed", weight: 0.27 },
  { name: "Karachi Remit Services", kind: "remittance_provider", country: "PK", licenceStatus: "licensed", weight: 0.22 },
  { name: "Ravi Commercial Bank", kind: "bank", country: "PK", licenceStatus: "licensed", weight: 0.16 },
  { name: "Lahore Digital Exchange", kind: "exchange", country: "PK", licenceStatus: "pending", weight: 0.12 },
  { name: "Sindh Microfinance Bank", kind: "bank", country: "PK", licenceStatus: "licensed", weight: 0.09 },
  { name: "Khyber Wallet", kind: "wallet_provider", country: "PK", licenceStatus: "licensed", weight: 0.07 },
  { name: "Hawala Digital", kind: "remittance_provider", country: "PK", licenceStatus: "unlicensed", weight: 0.05 },
  { name: "Crescent Coin Exchange", kind: "exchange", country: "PK", licenceStatus: "revoked", weight: 0.02 },
]; // prettier-ignore
