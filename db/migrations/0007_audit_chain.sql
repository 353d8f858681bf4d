-- Tamper evidence for audit_log (issue #15): every row is numbered (seq) and stores the previous
-- row's SHA-256 and its own, computed here by a BEFORE INSERT trigger so that no writer, the
-- application's role included, chooses them. The canonical content is specified in
-- lib/audit/chain.ts; `npm run audit:verify` recomputes it in TypeScript. Also: alert_history and
-- alert_notes become append-only like audit_log (a trigger also stops a DELETE on alerts from
-- cascading into them). Custom SQL below the generated columns: drizzle-kit cannot express
-- triggers or the backfill.
ALTER TABLE "audit_log" ADD COLUMN "seq" bigint DEFAULT null;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "prev_hash" text DEFAULT null;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "row_hash" text DEFAULT null;--> statement-breakpoint
-- One field of the canonical content: a netstring of the value's UTF-8 bytes, "~," for NULL.
CREATE FUNCTION "audit_chain_field"(v text) RETURNS text LANGUAGE sql IMMUTABLE
  SET search_path = pg_catalog AS $$
  SELECT CASE WHEN v IS NULL THEN '~,' ELSE octet_length(convert_to(v, 'UTF8'))::text || ':' || v || ',' END
$$;
--> statement-breakpoint
-- Keep in step with CHAIN_FIELDS in db/queries/audit-chain.ts and canonicalContent in lib/audit/chain.ts.
CREATE FUNCTION "audit_log_row_hash"(r "audit_log") RETURNS text LANGUAGE sql STABLE
  SET search_path = pg_catalog, public AS $$
  SELECT encode(sha256(convert_to(
    audit_chain_field('usd1.audit_log.v1')
    || audit_chain_field(r.id::text)
    || audit_chain_field(r.seq::text)
    || audit_chain_field(r.prev_hash)
    || audit_chain_field(to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
    || audit_chain_field(r.actor_user_id)
    || audit_chain_field(r.actor_email)
    || audit_chain_field(r.actor_role)
    || audit_chain_field(r.action)
    || audit_chain_field(r.target)
    || audit_chain_field(r.params::text)
    || audit_chain_field(r.ip)
    || audit_chain_field(r.user_agent)
    || audit_chain_field(r.checksum),
  'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Writers extend the chain one at a time: the advisory lock ("USD1AUDT") is held until commit, so
-- the next writer reads this row as the head. A writer whose snapshot cannot see the head
-- (REPEATABLE READ) computes a seq that exists and fails on the unique index: never a fork.
CREATE FUNCTION "audit_log_chain"() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, public AS $$
DECLARE
  head_seq bigint;
  head_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(6148332894631052372);
  SELECT seq, row_hash INTO head_seq, head_hash FROM audit_log ORDER BY seq DESC LIMIT 1;
  NEW.seq := coalesce(head_seq, 0) + 1;
  NEW.prev_hash := coalesce(head_hash, repeat('0', 64));
  NEW.row_hash := audit_log_row_hash(NEW);
  RETURN NEW;
END
$$;
--> statement-breakpoint
-- Backfill: existing rows are chained in id order (the order they were written).
ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_no_update_delete";--> statement-breakpoint
DO $$
DECLARE
  r audit_log;
  n bigint := 0;
  h text := repeat('0', 64);
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
    n := n + 1;
    r.seq := n;
    r.prev_hash := h;
    h := audit_log_row_hash(r);
    UPDATE audit_log SET seq = n, prev_hash = r.prev_hash, row_hash = h WHERE id = r.id;
  END LOOP;
END
$$;
--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_no_update_delete";--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "seq" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "row_hash" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_seq_idx" ON "audit_log" USING btree ("seq");--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_hashes_check" CHECK ("audit_log"."prev_hash" ~ '^[0-9a-f]{64}$' and "audit_log"."row_hash" ~ '^[0-9a-f]{64}$');--> statement-breakpoint
CREATE TRIGGER "audit_log_chain" BEFORE INSERT ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_chain"();
--> statement-breakpoint
-- Case history and notes are records too: no UPDATE, DELETE or TRUNCATE, whoever asks. (The
-- app's role lacks those privileges anyway, but a cascaded delete from alerts runs as the
-- table's owner; the trigger stops that as well.)
CREATE FUNCTION "append_only_reject_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "alert_history_no_update_delete" BEFORE UPDATE OR DELETE ON "alert_history"
  FOR EACH ROW EXECUTE FUNCTION "append_only_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "alert_history_no_truncate" BEFORE TRUNCATE ON "alert_history"
  FOR EACH STATEMENT EXECUTE FUNCTION "append_only_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "alert_notes_no_update_delete" BEFORE UPDATE OR DELETE ON "alert_notes"
  FOR EACH ROW EXECUTE FUNCTION "append_only_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "alert_notes_no_truncate" BEFORE TRUNCATE ON "alert_notes"
  FOR EACH STATEMENT EXECUTE FUNCTION "append_only_reject_change"();
