CREATE TABLE "alert_evidence_counts" (
	"alert_id" bigint NOT NULL,
	"source" text NOT NULL,
	"chain_id" integer NOT NULL,
	"rows" bigint NOT NULL,
	CONSTRAINT "alert_evidence_counts_pk" PRIMARY KEY("alert_id","source","chain_id")
);
--> statement-breakpoint
DROP INDEX "alert_evidence_alert_source_idx";--> statement-breakpoint
-- alert_evidence_counts follows alert_evidence in the writer's own transaction: statement triggers
-- with transition tables, one grouped statement per write however many rows it wrote (the monitor
-- inserts a standing case's evidence in batches; an insert's skipped conflicts are not in
-- new_rows). Deleted rows subtract (a count that reaches zero goes), inserted rows add, an update
-- does both, and a truncate empties the counts.
CREATE FUNCTION "alert_evidence_counts_apply"() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM alert_evidence_counts;
    RETURN NULL;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE alert_evidence_counts c SET rows = c.rows - g.n
    FROM (SELECT alert_id, source, chain_id, count(*) AS n FROM old_rows
      GROUP BY alert_id, source, chain_id) g
    WHERE c.alert_id = g.alert_id AND c.source = g.source AND c.chain_id = g.chain_id;
    DELETE FROM alert_evidence_counts c
    WHERE c.rows <= 0 AND c.alert_id IN (SELECT DISTINCT alert_id FROM old_rows);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO alert_evidence_counts AS c (alert_id, source, chain_id, rows)
    SELECT alert_id, source, chain_id, count(*) FROM new_rows
    GROUP BY alert_id, source, chain_id ORDER BY alert_id, source, chain_id
    ON CONFLICT (alert_id, source, chain_id) DO UPDATE SET rows = c.rows + excluded.rows;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "alert_evidence_counts_insert" AFTER INSERT ON "alert_evidence"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "alert_evidence_counts_apply"();
--> statement-breakpoint
CREATE TRIGGER "alert_evidence_counts_update" AFTER UPDATE ON "alert_evidence"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "alert_evidence_counts_apply"();
--> statement-breakpoint
CREATE TRIGGER "alert_evidence_counts_delete" AFTER DELETE ON "alert_evidence"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "alert_evidence_counts_apply"();
--> statement-breakpoint
CREATE TRIGGER "alert_evidence_counts_truncate" AFTER TRUNCATE ON "alert_evidence"
  FOR EACH STATEMENT EXECUTE FUNCTION "alert_evidence_counts_apply"();
--> statement-breakpoint
INSERT INTO "alert_evidence_counts" ("alert_id", "source", "chain_id", "rows")
SELECT alert_id, source, chain_id, count(*) FROM alert_evidence GROUP BY alert_id, source, chain_id;
