CREATE TABLE "watched_governors" (
	"chain_id" integer NOT NULL,
	"address" text NOT NULL,
	"source" text NOT NULL,
	"since_block" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "watched_governors_pk" PRIMARY KEY("chain_id","address")
);
--> statement-breakpoint
ALTER TABLE "token_events" ADD COLUMN "emitter" text;--> statement-breakpoint
-- Rows indexed before governors were watched all came from the token.
UPDATE "token_events" e SET "emitter" = c."token_address" FROM "chains" c WHERE c."chain_id" = e."chain_id";--> statement-breakpoint
ALTER TABLE "token_events" ALTER COLUMN "emitter" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "daily_corridor_volume" ADD COLUMN "primary_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "daily_corridor_volume" ADD COLUMN "primary_volume" numeric(78, 0) DEFAULT 0 NOT NULL;