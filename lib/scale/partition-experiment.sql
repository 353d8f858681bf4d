-- Issue #18: should `transfers` be partitioned by month? A measured comparison on the 10M seed.
--   psql postgres://postgres@127.0.0.1:5432/usd1_large -f lib/scale/partition-experiment.sql
-- Takes every fifth transfer of usd1_large (~2M rows, both chains, the seed's two years) into two
-- scratch tables in schema part_exp, one plain (transfers' own indexes) and one partitioned by
-- month on block_time (the same indexes per partition; the primary key must then include
-- block_time), times the load and the index builds, and runs the views' access paths on both with
-- EXPLAIN ANALYZE, three times each (the last run is the warm figure). Drops the schema at the end.
\set ON_ERROR_STOP on
\timing on
set jit = off;
set max_parallel_workers_per_gather = 0;
drop schema if exists part_exp cascade;
create schema part_exp;

create table part_exp.flat (like public.transfers including constraints);
create table part_exp.monthly (like public.transfers including constraints) partition by range (block_time);
select format('create table part_exp.m_%s partition of part_exp.monthly for values from (%L) to (%L)',
    to_char(m, 'YYYYMM'), m, m + interval '1 month')
  from generate_series(date_trunc('month', (select min(block_time) from public.transfers)),
    date_trunc('month', (select max(block_time) from public.transfers)), interval '1 month') m \gexec
select count(*) as monthly_partitions from pg_inherits where inhparent = 'part_exp.monthly'::regclass;

create temp table sample as select * from public.transfers where abs(hashtext(tx_hash)) % 5 = 0;
select count(*) as sample_rows from sample;

\echo '== load (no indexes): plain, then partitioned'
insert into part_exp.flat select * from sample;
insert into part_exp.monthly select * from sample;

\echo '== index builds: plain, then partitioned'
alter table part_exp.flat add constraint flat_pk primary key (chain_id, tx_hash, log_index);
create index on part_exp.flat (chain_id, block_number);
create index on part_exp.flat (block_time);
create index on part_exp.flat (from_address, block_time);
create index on part_exp.flat (to_address, block_time);
-- A unique key of a partitioned table must contain the partition key: (chain_id, tx_hash,
-- log_index) alone cannot be enforced across months.
alter table part_exp.monthly add constraint monthly_pk primary key (chain_id, tx_hash, log_index, block_time);
create index on part_exp.monthly (chain_id, block_number);
create index on part_exp.monthly (block_time);
create index on part_exp.monthly (from_address, block_time);
create index on part_exp.monthly (to_address, block_time);
analyze part_exp.flat;
analyze part_exp.monthly;
\timing off

select tx_hash as probe_hash, chain_id as probe_chain from sample order by block_time desc offset 1000 limit 1 \gset
select a as hot from (select from_address a, count(*) n from sample group by 1 order by 2 desc limit 1) x \gset
select max(block_number) - 50 as tail_from, (select chain_id from sample limit 1) as tail_chain from sample
  where chain_id = (select chain_id from sample limit 1) \gset
select date_trunc('month', max(block_time)) - interval '1 month' as month_start from sample \gset
drop table sample;

-- One EXPLAIN ANALYZE line per run: the execution time.
create function part_exp.run(q text) returns text language plpgsql as $$
declare line text; t text;
begin
  for i in 1..3 loop
    for line in execute 'explain (analyze, timing off, summary on) ' || q loop
      if line like 'Execution Time%' then t := coalesce(t || ' / ', '') || substring(line from '[0-9.]+ ms'); end if;
    end loop;
  end loop;
  return t;
end $$;

\echo '== access paths (three runs each): plain | partitioned'
select 'tx hash, chain known' as path,
  part_exp.run(format('select * from part_exp.flat where chain_id = %s and tx_hash = %L', :probe_chain, :'probe_hash')) as plain,
  part_exp.run(format('select * from part_exp.monthly where chain_id = %s and tx_hash = %L', :probe_chain, :'probe_hash')) as partitioned
union all select 'address: latest 50 sent by the hottest wallet',
  part_exp.run(format('select * from part_exp.flat where from_address = %L order by block_time desc limit 50', :'hot')),
  part_exp.run(format('select * from part_exp.monthly where from_address = %L order by block_time desc limit 50', :'hot'))
union all select 'provisional tail: chain and block_number > N',
  part_exp.run(format('select count(*) from part_exp.flat where chain_id = %s and block_number > %s', :tail_chain, :tail_from)),
  part_exp.run(format('select count(*) from part_exp.monthly where chain_id = %s and block_number > %s', :tail_chain, :tail_from))
union all select 'latest 50 transfers (the default page)',
  part_exp.run('select * from part_exp.flat order by block_time desc limit 50'),
  part_exp.run('select * from part_exp.monthly order by block_time desc limit 50')
union all select 'one month summed (a monthly report)',
  part_exp.run(format('select count(*), sum(amount) from part_exp.flat where block_time >= %L and block_time < %L::timestamptz + interval ''1 month''', :'month_start', :'month_start')),
  part_exp.run(format('select count(*), sum(amount) from part_exp.monthly where block_time >= %L and block_time < %L::timestamptz + interval ''1 month''', :'month_start', :'month_start'));

select pg_size_pretty(pg_total_relation_size('part_exp.flat')) as plain_size,
  (select pg_size_pretty(sum(pg_total_relation_size(inhrelid))) from pg_inherits
    where inhparent = 'part_exp.monthly'::regclass) as partitioned_size;
drop schema part_exp cascade;
