CREATE TABLE "watchlist_imports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"watchlist_id" integer NOT NULL,
	"format" text NOT NULL,
	"version" text,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"entry_count" integer NOT NULL,
	"skipped_count" integer NOT NULL,
	"replaced_count" integer NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" text,
	"imported_by_email" text,
	CONSTRAINT "watchlist_imports_format_check" CHECK ("watchlist_imports"."format" in ('csv', 'ofac-sdn-xml')),
	CONSTRAINT "watchlist_imports_sha256_check" CHECK ("watchlist_imports"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "watchlists" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"format" text NOT NULL,
	"version" text,
	"file_name" text NOT NULL,
	"sha256" text,
	"entry_count" integer NOT NULL,
	"skipped_count" integer DEFAULT 0 NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" text,
	"imported_by_email" text,
	"retired_at" timestamp with time zone,
	"retired_by" text,
	"retired_by_email" text,
	"retire_reason" text,
	CONSTRAINT "watchlists_format_check" CHECK ("watchlists"."format" in ('csv', 'ofac-sdn-xml')),
	CONSTRAINT "watchlists_sha256_check" CHECK ("watchlists"."sha256" is null or "watchlists"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "watchlists_counts_check" CHECK ("watchlists"."entry_count" >= 0 and "watchlists"."skipped_count" >= 0),
	CONSTRAINT "watchlists_retired_check" CHECK (("watchlists"."retired_at" is null) = ("watchlists"."retire_reason" is null))
);
--> statement-breakpoint
DROP INDEX "watchlist_entries_uq";--> statement-breakpoint
ALTER TABLE "watchlist_entries" ALTER COLUMN "chain_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "watchlist_entries" ADD COLUMN "watchlist_id" integer;--> statement-breakpoint
-- Lists imported before this migration become list rows of their own (no file, so no SHA-256).
INSERT INTO "watchlists" ("name", "format", "file_name", "entry_count", "imported_at", "imported_by")
  SELECT "list_name", 'csv', '(imported before lists were recorded)', count(*)::integer, max("imported_at"), max("imported_by")
  FROM "watchlist_entries" GROUP BY "list_name";--> statement-breakpoint
UPDATE "watchlist_entries" e SET "watchlist_id" = w."id" FROM "watchlists" w WHERE w."name" = e."list_name";--> statement-breakpoint
ALTER TABLE "watchlist_entries" ALTER COLUMN "watchlist_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "watchlist_imports" ADD CONSTRAINT "watchlist_imports_watchlist_id_watchlists_id_fk" FOREIGN KEY ("watchlist_id") REFERENCES "public"."watchlists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "watchlist_imports_list_idx" ON "watchlist_imports" USING btree ("watchlist_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "watchlists_name_uq" ON "watchlists" USING btree ("name");--> statement-breakpoint
ALTER TABLE "watchlist_entries" ADD CONSTRAINT "watchlist_entries_watchlist_id_watchlists_id_fk" FOREIGN KEY ("watchlist_id") REFERENCES "public"."watchlists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "watchlist_entries_address_idx" ON "watchlist_entries" USING btree ("address");--> statement-breakpoint
ALTER TABLE "watchlist_entries" ADD CONSTRAINT "watchlist_entries_uq" UNIQUE NULLS NOT DISTINCT("watchlist_id","chain_id","address");