CREATE TABLE "goaml_schemas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"schema_version" text,
	"content" text NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_by_email" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "goaml_schemas_sha256_check" CHECK ("goaml_schemas"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "goaml_schemas_size_check" CHECK ("goaml_schemas"."size_bytes" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "goaml_schemas_uploaded_idx" ON "goaml_schemas" USING btree ("uploaded_at","id");