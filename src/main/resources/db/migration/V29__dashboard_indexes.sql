-- The dashboard (console) reads each connection's runs of the last 24 hours, its last run and its last runs that
-- ended, and its webhook deliveries of the last 24 hours: bounded windows, read through these indexes instead of the
-- whole history. (Orders per day use sales_order_placed_idx, on (connection_id, placed_at), already.)
create index sync_run_connection_idx on sync_run (connection_id, queued_at);
create index webhook_inbox_received_idx on webhook_inbox (connection_id, received_at);
