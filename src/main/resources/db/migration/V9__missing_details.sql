-- Per optional detail or child (its attachAs), how many records a stream's run stored without it because its
-- request failed, e.g. {"escrow": 300} when Shopee refuses get_escrow_detail_batch to an app lacking that permission.
alter table sync_run_stream add column missing_details jsonb not null default '{}'::jsonb;
