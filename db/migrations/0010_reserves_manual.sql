CREATE TABLE "entered_supply" (
	"id" serial PRIMARY KEY NOT NULL,
	"chain" text NOT NULL,
	"supply_wei" numeric(78, 0) NOT NULL,
	"as_of" date NOT NULL,
	"source" text NOT NULL,
	"entered_by" text NOT NULL,
	"entered_by_email" text NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entered_supply_chain_check" CHECK ("entered_supply"."chain" ~ '^[a-z][a-z0-9_-]*$'),
	CONSTRAINT "entered_supply_supply_check" CHECK ("entered_supply"."supply_wei" >= 0)
);
--> statement-breakpoint
CREATE TABLE "reserve_attestations" (
	"id" serial PRIMARY KEY NOT NULL,
	"reserves_wei" numeric(78, 0) NOT NULL,
	"as_of" date NOT NULL,
	"custodian" text NOT NULL,
	"report_name" text NOT NULL,
	"report_sha256" text NOT NULL,
	"entered_by" text NOT NULL,
	"entered_by_email" text NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_by" text,
	"confirmed_by_email" text,
	"confirmed_at" timestamp with time zone,
	"rejected_by" text,
	"rejected_by_email" text,
	"rejected_at" timestamp with time zone,
	"reject_reason" text,
	CONSTRAINT "reserve_attestations_sha256_check" CHECK ("reserve_attestations"."report_sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "reserve_attestations_reserves_check" CHECK ("reserve_attestations"."reserves_wei" >= 0),
	CONSTRAINT "reserve_attestations_confirm_check" CHECK (("reserve_attestations"."confirmed_by" is null) = ("reserve_attestations"."confirmed_at" is null) and ("reserve_attestations"."confirmed_by" is null or "reserve_attestations"."confirmed_by" <> "reserve_attestations"."entered_by")),
	CONSTRAINT "reserve_attestations_reject_check" CHECK (("reserve_attestations"."rejected_by" is null) = ("reserve_attestations"."rejected_at" is null) and ("reserve_attestations"."rejected_at" is null) = ("reserve_attestations"."reject_reason" is null)),
	CONSTRAINT "reserve_attestations_one_outcome_check" CHECK ("reserve_attestations"."confirmed_at" is null or "reserve_attestations"."rejected_at" is null)
);
--> statement-breakpoint
CREATE INDEX "entered_supply_chain_as_of_idx" ON "entered_supply" USING btree ("chain","as_of");--> statement-breakpoint
CREATE INDEX "reserve_attestations_as_of_idx" ON "reserve_attestations" USING btree ("as_of");--> statement-breakpoint
CREATE UNIQUE INDEX "reserve_attestations_report_uq" ON "reserve_attestations" USING btree ("report_sha256") WHERE "reserve_attestations"."rejected_at" is null;