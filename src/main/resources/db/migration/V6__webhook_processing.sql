-- Processing the webhook inbox: when the event happened (orders a tombstone against the record's versions), when a
-- delivery that failed to process is tried again, and what processing did with it.
alter table webhook_inbox add column occurred_at timestamptz;
alter table webhook_inbox add column next_attempt_at timestamptz;
alter table webhook_inbox add column outcome text;
-- the key of the record a delivery was about: orders a record's events when its body has no time of its own
alter table webhook_inbox add column record_key text;
drop index webhook_inbox_pending_idx;
create index webhook_inbox_pending_idx on webhook_inbox (id) where status = 'pending' and entity <> 'privacy';
create index webhook_inbox_record_idx on webhook_inbox (connection_id, entity, record_key) where record_key is not null;

-- Webhook + poll reconciliation: of the records an incremental run stored as new or changed, how many had no webhook
-- delivered them first (null: the connector receives no webhooks for the stream, or the run was a first full read).
alter table sync_run_stream add column missed_by_webhooks int;

-- records a run found deleted at the source and kept as tombstones (deletion webhooks and sweeps)
alter table sync_run_stream add column deleted int not null default 0;
