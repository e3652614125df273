-- The dashboard (console) reads, per connection, its runs of the last 24 hours, its last run and its last runs that
-- ended, its webhook deliveries of the last 24 hours and its orders of the last 30 days: bounded windows, read through
-- these indexes instead of the whole history. Each holds what its query needs (a run's status; whether an order is a
-- deleted or test one), so that once vacuum has marked the pages visible a count is an index-only scan.
create index sync_run_connection_idx on sync_run (connection_id, queued_at) include (status);
create index webhook_inbox_received_idx on webhook_inbox (connection_id, received_at);
-- the same keys as before, which the order listings keep using
drop index sales_order_placed_idx;
create index sales_order_placed_idx on sales_order (connection_id, placed_at) include (deleted, test);
