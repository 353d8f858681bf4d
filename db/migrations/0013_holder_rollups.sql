CREATE TABLE "address_totals" (
	"address" text PRIMARY KEY NOT NULL,
	"balance" numeric(78, 0) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "holder_stats" (
	"chain_id" integer PRIMARY KEY NOT NULL,
	"holders" bigint NOT NULL,
	"total" numeric NOT NULL,
	"sum_squares" numeric NOT NULL
);
--> statement-breakpoint
-- Every write to balances moves address_totals and holder_stats by the same change in its own
-- transaction (advanceRollups, test fixtures, anything else). Statement triggers with transition
-- tables: each written row adds its new balance's contribution and takes its old one's out
-- (count, Σ, Σ² over positive balances), so inserts, updates and deletes are one rule. The
-- address_totals upsert returns each touched address's new sum (old = new - delta) for row 0.
-- Two chains' writers share address_totals rows and row 0: the advisory lock ("USD1HOLD"), held
-- until commit, lets one fold at a time (row locks taken in varying orders by the insert and
-- update triggers of two upserts could otherwise deadlock). Writers run in READ COMMITTED, so
-- each statement here sees what the previous holder of the lock committed.
CREATE FUNCTION "holder_rollups_apply"() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, public AS $$
DECLARE
  src text;
  touched boolean;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_advisory_xact_lock(6148332894748101700);
    DELETE FROM address_totals;
    DELETE FROM holder_stats;
    RETURN NULL;
  END IF;
  src := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT chain_id, address, balance, 1 AS sign FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT chain_id, address, balance, -1 AS sign FROM old_rows'
    ELSE 'SELECT chain_id, address, balance, 1 AS sign FROM new_rows
      UNION ALL SELECT chain_id, address, balance, -1 FROM old_rows' END;
  EXECUTE 'SELECT EXISTS (' || src || ')' INTO touched;
  IF NOT touched THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(6148332894748101700);
  EXECUTE 'WITH moves AS (' || src || '),
  per_chain AS (
    SELECT chain_id,
      coalesce(sum(sign) FILTER (WHERE balance > 0), 0) AS dh,
      coalesce(sum(sign * balance) FILTER (WHERE balance > 0), 0) AS dt,
      coalesce(sum(sign * balance * balance) FILTER (WHERE balance > 0), 0) AS dsq
    FROM moves GROUP BY chain_id),
  deltas AS (SELECT address, sum(sign * balance) AS delta FROM moves GROUP BY address),
  tot AS (
    INSERT INTO address_totals AS a (address, balance)
    SELECT address, delta FROM deltas ORDER BY address
    ON CONFLICT (address) DO UPDATE SET balance = a.balance + excluded.balance
    RETURNING a.address, a.balance),
  was AS (SELECT t.balance AS now_bal, t.balance - d.delta AS old_bal FROM tot t JOIN deltas d USING (address)),
  all_d AS (
    SELECT count(*) AS touched,
      count(*) FILTER (WHERE now_bal > 0) - count(*) FILTER (WHERE old_bal > 0) AS dh,
      coalesce(sum(now_bal) FILTER (WHERE now_bal > 0), 0)
        - coalesce(sum(old_bal) FILTER (WHERE old_bal > 0), 0) AS dt,
      coalesce(sum(now_bal * now_bal) FILTER (WHERE now_bal > 0), 0)
        - coalesce(sum(old_bal * old_bal) FILTER (WHERE old_bal > 0), 0) AS dsq
    FROM was)
  INSERT INTO holder_stats AS s (chain_id, holders, total, sum_squares)
  SELECT chain_id, dh, dt, dsq FROM per_chain
  UNION ALL SELECT 0, dh, dt, dsq FROM all_d WHERE touched > 0
  ON CONFLICT (chain_id) DO UPDATE SET holders = s.holders + excluded.holders,
    total = s.total + excluded.total, sum_squares = s.sum_squares + excluded.sum_squares';
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "balances_holders_insert" AFTER INSERT ON "balances"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "holder_rollups_apply"();--> statement-breakpoint
CREATE TRIGGER "balances_holders_update" AFTER UPDATE ON "balances"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "holder_rollups_apply"();--> statement-breakpoint
CREATE TRIGGER "balances_holders_delete" AFTER DELETE ON "balances"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "holder_rollups_apply"();--> statement-breakpoint
CREATE TRIGGER "balances_holders_truncate" AFTER TRUNCATE ON "balances"
  FOR EACH STATEMENT EXECUTE FUNCTION "holder_rollups_apply"();--> statement-breakpoint
-- Backfill from balances, after the triggers (CREATE TRIGGER holds off writes to balances until
-- this migration commits; they keep both tables from here on): every address with a balances
-- row, zero sums included; per chain and cross-chain (0) stats over positive balances. The index
-- is built after the rows are in.
INSERT INTO "address_totals" ("address", "balance")
SELECT "address", sum("balance") FROM "balances" GROUP BY "address" ORDER BY "address";--> statement-breakpoint
INSERT INTO "holder_stats" ("chain_id", "holders", "total", "sum_squares")
SELECT "chain_id", count(*) FILTER (WHERE "balance" > 0),
  coalesce(sum("balance") FILTER (WHERE "balance" > 0), 0),
  coalesce(sum("balance" * "balance") FILTER (WHERE "balance" > 0), 0)
FROM "balances" GROUP BY "chain_id";--> statement-breakpoint
INSERT INTO "holder_stats" ("chain_id", "holders", "total", "sum_squares")
SELECT 0, count(*) FILTER (WHERE "balance" > 0),
  coalesce(sum("balance") FILTER (WHERE "balance" > 0), 0),
  coalesce(sum("balance" * "balance") FILTER (WHERE "balance" > 0), 0)
FROM "address_totals" HAVING count(*) > 0;--> statement-breakpoint
CREATE INDEX "address_totals_top_idx" ON "address_totals" USING btree ("balance" desc,"address");--> statement-breakpoint
ANALYZE "address_totals";--> statement-breakpoint
ANALYZE "holder_stats";
