-- A bulk load (seed:large) rolls whole chains up at once: folding every balances row into
-- address_totals through the triggers took longer than the upsert itself (9.2 s against 7.2 s for
-- one chain's 140k addresses of the 1M seed). Such a load sets usd1.holder_rollups = 'deferred'
-- for its roll-up transactions (the triggers do nothing there) and then rebuilds both tables from
-- balances with holder_rollups_rebuild() (migration 0013's backfill), in one transaction.
CREATE OR REPLACE FUNCTION "holder_rollups_apply"() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, public AS $$
DECLARE
  src text;
  touched boolean;
BEGIN
  IF current_setting('usd1.holder_rollups', true) = 'deferred' THEN
    RETURN NULL;
  END IF;
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
CREATE FUNCTION "holder_rollups_rebuild"() RETURNS void LANGUAGE plpgsql
  SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(6148332894748101700);
  DELETE FROM holder_stats;
  TRUNCATE address_totals;
  INSERT INTO address_totals (address, balance)
  SELECT address, sum(balance) FROM balances GROUP BY address ORDER BY address;
  INSERT INTO holder_stats (chain_id, holders, total, sum_squares)
  SELECT chain_id, count(*) FILTER (WHERE balance > 0),
    coalesce(sum(balance) FILTER (WHERE balance > 0), 0),
    coalesce(sum(balance * balance) FILTER (WHERE balance > 0), 0)
  FROM balances GROUP BY chain_id;
  INSERT INTO holder_stats (chain_id, holders, total, sum_squares)
  SELECT 0, count(*) FILTER (WHERE balance > 0),
    coalesce(sum(balance) FILTER (WHERE balance > 0), 0),
    coalesce(sum(balance * balance) FILTER (WHERE balance > 0), 0)
  FROM address_totals HAVING count(*) > 0;
END
$$;
