CREATE TABLE "market_checkpoints" (
	"target" text NOT NULL,
	"target_id" integer NOT NULL,
	"chain_id" integer NOT NULL,
	"indexed_block" bigint NOT NULL,
	"indexed_block_hash" text,
	"last_reorg_at" timestamp with time zone,
	"last_reorg_depth" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "market_checkpoints_pk" PRIMARY KEY("target","target_id"),
	CONSTRAINT "market_checkpoints_target_check" CHECK ("market_checkpoints"."target" in ('reserve_source', 'peg_pool'))
);
--> statement-breakpoint
CREATE TABLE "peg_pools" (
	"id" serial PRIMARY KEY NOT NULL,
	"chain_id" integer NOT NULL,
	"address" text NOT NULL,
	"dex" text NOT NULL,
	"token0" text NOT NULL,
	"token1" text NOT NULL,
	"usd1_is_token0" boolean NOT NULL,
	"usd1_decimals" integer NOT NULL,
	"quote_symbol" text NOT NULL,
	"quote_decimals" integer NOT NULL,
	"fee" integer NOT NULL,
	"label" text NOT NULL,
	"start_block" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "peg_pools_dex_check" CHECK ("peg_pools"."dex" in ('uniswap_v3', 'pancake_v3')),
	CONSTRAINT "peg_pools_token_order_check" CHECK ("peg_pools"."token0" < "peg_pools"."token1")
);
--> statement-breakpoint
CREATE TABLE "pool_swaps" (
	"pool_id" integer NOT NULL,
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"block_hash" text NOT NULL,
	"tx_hash" text NOT NULL,
	"log_index" integer NOT NULL,
	"block_time" timestamp with time zone NOT NULL,
	"sender" text NOT NULL,
	"recipient" text NOT NULL,
	"amount0" numeric(78, 0) NOT NULL,
	"amount1" numeric(78, 0) NOT NULL,
	"sqrt_price_x96" numeric(78, 0) NOT NULL,
	"liquidity" numeric(78, 0) NOT NULL,
	"tick" integer NOT NULL,
	CONSTRAINT "pool_swaps_pk" PRIMARY KEY("chain_id","block_number","log_index")
);
--> statement-breakpoint
CREATE TABLE "reserve_reports" (
	"source_id" integer NOT NULL,
	"chain_id" integer NOT NULL,
	"block_number" bigint NOT NULL,
	"block_hash" text NOT NULL,
	"tx_hash" text NOT NULL,
	"log_index" integer NOT NULL,
	"round_id" numeric(78, 0),
	"answer" numeric(78, 0) NOT NULL,
	"reserves_wei" numeric(78, 0) NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"block_time" timestamp with time zone NOT NULL,
	CONSTRAINT "reserve_reports_pk" PRIMARY KEY("chain_id","block_number","log_index")
);
--> statement-breakpoint
CREATE TABLE "reserve_sources" (
	"id" serial PRIMARY KEY NOT NULL,
	"chain_id" integer NOT NULL,
	"kind" text NOT NULL,
	"address" text NOT NULL,
	"data_id" text,
	"decimals" integer NOT NULL,
	"label" text NOT NULL,
	"start_block" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reserve_sources_kind_check" CHECK ("reserve_sources"."kind" in ('aggregator_v3', 'keystone_bundle')),
	CONSTRAINT "reserve_sources_decimals_check" CHECK ("reserve_sources"."decimals" between 0 and 77),
	CONSTRAINT "reserve_sources_data_id_check" CHECK (("reserve_sources"."kind" = 'keystone_bundle') = ("reserve_sources"."data_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "pool_swaps" ADD CONSTRAINT "pool_swaps_pool_id_peg_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."peg_pools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_reports" ADD CONSTRAINT "reserve_reports_source_id_reserve_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."reserve_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "peg_pools_chain_address_uq" ON "peg_pools" USING btree ("chain_id","address");--> statement-breakpoint
CREATE INDEX "pool_swaps_pool_time_idx" ON "pool_swaps" USING btree ("pool_id","block_time");--> statement-breakpoint
CREATE INDEX "reserve_reports_source_time_idx" ON "reserve_reports" USING btree ("source_id","reported_at");--> statement-breakpoint
CREATE INDEX "reserve_reports_block_time_idx" ON "reserve_reports" USING btree ("block_time");--> statement-breakpoint
CREATE UNIQUE INDEX "reserve_sources_chain_address_uq" ON "reserve_sources" USING btree ("chain_id","address","data_id");