CREATE TABLE "monitor_suppressed_hits" (
	"chain_id" integer NOT NULL,
	"rule_id" text NOT NULL,
	"block_number" bigint NOT NULL,
	"episode_key" text NOT NULL,
	"block_time" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL,
	CONSTRAINT "monitor_suppressed_hits_pk" PRIMARY KEY("chain_id","rule_id","block_number","episode_key"),
	CONSTRAINT "monitor_suppressed_hits_positive" CHECK ("monitor_suppressed_hits"."hits" > 0)
);
--> statement-breakpoint
CREATE INDEX "monitor_suppressed_hits_time_idx" ON "monitor_suppressed_hits" USING btree ("rule_id","block_time");--> statement-breakpoint
CREATE INDEX "monitor_suppressed_hits_block_idx" ON "monitor_suppressed_hits" USING btree ("chain_id","block_number");