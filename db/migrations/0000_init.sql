CREATE TABLE "blocks" (
	"chain_id" integer NOT NULL,
	"number" bigint NOT NULL,
	"hash" text NOT NULL,
	"parent_hash" text NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	CONSTRAINT "blocks_pk" PRIMARY KEY("chain_id","number")
);
--> statement-breakpoint
CREATE TABLE "chains" (
	"chain_id" integer PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"token_address" text NOT NULL,
	"start_block" bigint NOT NULL,
	"confirmations" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indexed_ranges" (
	"chain_id" integer NOT NULL,
	"from_block" bigint NOT NULL,
	"to_block" bigint NOT NULL,
	CONSTRAINT "indexed_ranges_pk" PRIMARY KEY("chain_id","from_block"),
	CONSTRAINT "indexed_ranges_order_check" CHECK ("indexed_ranges"."from_block" <= "indexed_ranges"."to_block")
);
--> statement-breakpoint
CREATE TABLE "indexer_checkpoints" (
	"chain_id" integer PRIMARY KEY NOT NULL,
	"indexed_block" bigint NOT NULL,
	"indexed_block_hash" text,
	"rolled_up_block" bigint NOT NULL,
	"head_block" bigint,
	"finalized_block" bigint,
	"head_seen_at" timestamp with time zone,
	"rpc_errors" integer DEFAULT 0 NOT NULL,
	"last_reorg_at" timestamp with time zone,
	"last_reorg_depth" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_reconciliations" (
	"id" serial PRIMARY KEY NOT NULL,
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"indexed_supply" numeric(78, 0) NOT NULL,
	"onchain_supply" numeric(78, 0) NOT NULL,
	"difference" numeric(78, 0) NOT NULL,
	"matches" boolean NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "token_events" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"block_time" timestamp with time zone NOT NULL,
	"tx_hash" text NOT NULL,
	"log_index" integer NOT NULL,
	"kind" text NOT NULL,
	"actor" text,
	"subject" text,
	"counterparty" text,
	"amount" numeric(78, 0),
	"args" jsonb NOT NULL,
	CONSTRAINT "token_events_pk" PRIMARY KEY("chain_id","tx_hash","log_index")
);
--> statement-breakpoint
CREATE TABLE "transfers" (
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"block_time" timestamp with time zone NOT NULL,
	"tx_hash" text NOT NULL,
	"log_index" integer NOT NULL,
	"from_address" text NOT NULL,
	"to_address" text NOT NULL,
	"amount" numeric(78, 0) NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "transfers_pk" PRIMARY KEY("chain_id","tx_hash","log_index"),
	CONSTRAINT "transfers_kind_check" CHECK ("transfers"."kind" in ('mint', 'burn', 'transfer')),
	CONSTRAINT "transfers_amount_check" CHECK ("transfers"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "addresses" (
	"chain_id" integer NOT NULL,
	"address" text NOT NULL,
	"entity_id" integer,
	"label" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "addresses_pk" PRIMARY KEY("chain_id","address"),
	CONSTRAINT "addresses_lowercase_check" CHECK ("addresses"."address" ~ '^0x[0-9a-f]{40}$')
);
--> statement-breakpoint
CREATE TABLE "entities" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"country" text NOT NULL,
	"licence_status" text DEFAULT 'unknown' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entities_country_check" CHECK ("entities"."country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "balances" (
	"chain_id" integer NOT NULL,
	"address" text NOT NULL,
	"balance" numeric(78, 0) DEFAULT 0 NOT NULL,
	"received" numeric(78, 0) DEFAULT 0 NOT NULL,
	"sent" numeric(78, 0) DEFAULT 0 NOT NULL,
	"transfer_count" bigint DEFAULT 0 NOT NULL,
	"first_seen_block" bigint NOT NULL,
	"last_seen_block" bigint NOT NULL,
	CONSTRAINT "balances_pk" PRIMARY KEY("chain_id","address")
);
--> statement-breakpoint
CREATE TABLE "daily_corridor_volume" (
	"chain_id" integer NOT NULL,
	"day" date NOT NULL,
	"origin_country" text NOT NULL,
	"destination_country" text NOT NULL,
	"transfer_count" integer DEFAULT 0 NOT NULL,
	"volume" numeric(78, 0) DEFAULT 0 NOT NULL,
	"adjusted_count" integer DEFAULT 0 NOT NULL,
	"adjusted_volume" numeric(78, 0) DEFAULT 0 NOT NULL,
	"intra_entity_volume" numeric(78, 0) DEFAULT 0 NOT NULL,
	"bridge_volume" numeric(78, 0) DEFAULT 0 NOT NULL,
	CONSTRAINT "daily_corridor_volume_pk" PRIMARY KEY("chain_id","day","origin_country","destination_country")
);
--> statement-breakpoint
CREATE TABLE "daily_supply" (
	"chain_id" integer NOT NULL,
	"day" date NOT NULL,
	"minted" numeric(78, 0) DEFAULT 0 NOT NULL,
	"burned" numeric(78, 0) DEFAULT 0 NOT NULL,
	"mint_count" integer DEFAULT 0 NOT NULL,
	"burn_count" integer DEFAULT 0 NOT NULL,
	"bridge_minted" numeric(78, 0) DEFAULT 0 NOT NULL,
	"bridge_burned" numeric(78, 0) DEFAULT 0 NOT NULL,
	"bridge_mint_count" integer DEFAULT 0 NOT NULL,
	"bridge_burn_count" integer DEFAULT 0 NOT NULL,
	"transfer_count" integer DEFAULT 0 NOT NULL,
	"transfer_volume" numeric(78, 0) DEFAULT 0 NOT NULL,
	CONSTRAINT "daily_supply_pk" PRIMARY KEY("chain_id","day")
);
--> statement-breakpoint
ALTER TABLE "addresses" ADD CONSTRAINT "addresses_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supply_reconciliations_chain_idx" ON "supply_reconciliations" USING btree ("chain_id","block_number");--> statement-breakpoint
CREATE UNIQUE INDEX "supply_reconciliations_chain_block_uq" ON "supply_reconciliations" USING btree ("chain_id","block_number");--> statement-breakpoint
CREATE INDEX "token_events_chain_block_idx" ON "token_events" USING btree ("chain_id","block_number");--> statement-breakpoint
CREATE INDEX "token_events_time_idx" ON "token_events" USING btree ("block_time");--> statement-breakpoint
CREATE INDEX "transfers_chain_block_idx" ON "transfers" USING btree ("chain_id","block_number");--> statement-breakpoint
CREATE INDEX "transfers_block_time_idx" ON "transfers" USING btree ("block_time");--> statement-breakpoint
CREATE INDEX "transfers_from_idx" ON "transfers" USING btree ("from_address","block_time");--> statement-breakpoint
CREATE INDEX "transfers_to_idx" ON "transfers" USING btree ("to_address","block_time");--> statement-breakpoint
CREATE INDEX "addresses_entity_idx" ON "addresses" USING btree ("entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "entities_name_uq" ON "entities" USING btree ("name");--> statement-breakpoint
CREATE INDEX "balances_top_idx" ON "balances" USING btree ("chain_id","balance" desc);--> statement-breakpoint
CREATE INDEX "daily_corridor_volume_day_idx" ON "daily_corridor_volume" USING btree ("day");