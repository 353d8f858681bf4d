import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { address } from "./types";

export const ENTITY_KINDS = [
  "issuer",
  "exchange",
  "remittance_provider",
  "bank",
  "wallet_provider",
  "bridge",
  "other",
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const LICENCE_STATUSES = ["licensed", "unlicensed", "pending", "revoked", "unknown"] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];

/** Tags an address may carry. Policy-relevant ones drive rollups (bridge) and rules. */
export const ADDRESS_TAGS = [
  "treasury",
  "bridge",
  "sanctioned",
  "high_risk",
  "hot_wallet",
  "customer",
] as const;
export type AddressTag = (typeof ADDRESS_TAGS)[number];

/** Legal persons that addresses are attributed to. Country is ISO 3166-1 alpha-2. */
export const entities = pgTable(
  "entities",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ENTITY_KINDS }).notNull(),
    country: text("country").notNull(),
    licenceStatus: text("licence_status", { enum: LICENCE_STATUSES }).notNull().default("unknown"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("entities_name_uq").on(t.name),
    check("entities_country_check", sql`${t.country} ~ '^[A-Z]{2}$'`),
  ],
);

/** Address attribution. An address without a row, or with a null entity, is unattributed. */
export const addresses = pgTable(
  "addresses",
  {
    chainId: integer("chain_id").notNull(),
    address: address("address").notNull(),
    entityId: integer("entity_id").references(() => entities.id, { onDelete: "set null" }),
    label: text("label"),
    tags: text("tags")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "addresses_pk", columns: [t.chainId, t.address] }),
    index("addresses_entity_idx").on(t.entityId),
    check("addresses_lowercase_check", sql`${t.address} ~ '^0x[0-9a-f]{40}$'`),
  ],
);
