-- Unsigned webhook headers are not trusted (issue 15 item 4).
-- The body's SHA-256, kept for connectors whose webhooks block says dedupeOnBody (Shopify): their
-- signature covers the body but not the event id, so a body received again within mekong.webhooks.replay-window is a
-- duplicate whatever its event id. Rows of other connectors leave it null.
alter table webhook_inbox add column body_sha256 text;
create index webhook_inbox_body_idx on webhook_inbox (connection_id, body_sha256, received_at) where body_sha256 is not null;
-- An event time is never later than the delivery's receipt: a sender's clock or a forged header cannot date an event in
-- the future (the receiver caps it from now on; this caps what is already stored).
update webhook_inbox set occurred_at = received_at where occurred_at > received_at;
