CREATE TABLE "alert_evidence" (
	"alert_id" bigint NOT NULL,
	"chain_id" integer NOT NULL,
	"source" text NOT NULL,
	"block_number" bigint NOT NULL,
	"tx_hash" text NOT NULL,
	"log_index" integer NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "alert_evidence_pk" PRIMARY KEY("alert_id","source","tx_hash","log_index")
);
--> statement-breakpoint
CREATE TABLE "alert_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"alert_id" bigint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor" text,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"alert_key" text NOT NULL,
	"rule_id" text NOT NULL,
	"rule_version" integer NOT NULL,
	"logic_version" integer NOT NULL,
	"params" jsonb NOT NULL,
	"severity" text NOT NULL,
	"score" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"status_reason" text,
	"assignee" text,
	"chain_id" integer NOT NULL,
	"subject" text,
	"block_number" bigint NOT NULL,
	"block_time" timestamp with time zone NOT NULL,
	"tx_hash" text NOT NULL,
	"log_index" integer NOT NULL,
	"amount" numeric(78, 0),
	"addresses" text[] NOT NULL,
	"entity_ids" integer[] NOT NULL,
	"corridor_origin" text,
	"corridor_destination" text,
	"explanation" text NOT NULL,
	"facts" jsonb NOT NULL,
	"suppress_key" text,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alerts_score_check" CHECK ("alerts"."score" between 0 and 100),
	CONSTRAINT "alerts_status_check" CHECK ("alerts"."status" in ('open', 'in_review', 'escalated', 'reported', 'dismissed', 'withdrawn')),
	CONSTRAINT "alerts_severity_check" CHECK ("alerts"."severity" in ('severe', 'high', 'medium', 'low'))
);
--> statement-breakpoint
CREATE TABLE "monitor_checkpoints" (
	"chain_id" integer PRIMARY KEY NOT NULL,
	"monitored_block" bigint NOT NULL,
	"last_step_ms" integer,
	"last_step_items" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rule_settings" (
	"rule_id" text PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"params" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rule_settings_version_check" CHECK ("rule_settings"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "watchlist_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"chain_id" integer NOT NULL,
	"address" text NOT NULL,
	"list_name" text NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" text,
	CONSTRAINT "watchlist_entries_address_check" CHECK ("watchlist_entries"."address" ~ '^0x[0-9a-f]{40}$')
);
--> statement-breakpoint
ALTER TABLE "alert_evidence" ADD CONSTRAINT "alert_evidence_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_history" ADD CONSTRAINT "alert_history_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_evidence_chain_block_idx" ON "alert_evidence" USING btree ("chain_id","block_number");--> statement-breakpoint
CREATE INDEX "alert_history_alert_idx" ON "alert_history" USING btree ("alert_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_key_uq" ON "alerts" USING btree ("alert_key");--> statement-breakpoint
CREATE INDEX "alerts_status_time_idx" ON "alerts" USING btree ("status","block_time" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "alerts_rule_time_idx" ON "alerts" USING btree ("rule_id","block_time" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "alerts_chain_block_idx" ON "alerts" USING btree ("chain_id","block_number");--> statement-breakpoint
CREATE INDEX "alerts_subject_idx" ON "alerts" USING btree ("subject");--> statement-breakpoint
CREATE INDEX "alerts_suppress_idx" ON "alerts" USING btree ("chain_id","rule_id","block_time");--> statement-breakpoint
CREATE UNIQUE INDEX "watchlist_entries_uq" ON "watchlist_entries" USING btree ("chain_id","address","list_name");--> statement-breakpoint
CREATE INDEX "watchlist_entries_list_idx" ON "watchlist_entries" USING btree ("list_name");