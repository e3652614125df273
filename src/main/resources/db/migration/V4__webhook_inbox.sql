-- Verified webhook deliveries, stored before the sender gets its 200 and processed afterwards.
-- (connection, dedupe key) is unique: the sender's event id, or the body's hash when it sends none, so a delivery
-- sent three times is stored once.
create table webhook_inbox (
  id             bigserial primary key,
  workspace_id   text not null references workspace (id),
  connection_id  text not null references connection (id) on delete cascade,
  topic          text not null,
  entity         text,
  dedupe_key     text not null,
  body           jsonb not null,
  status         text not null default 'pending' check (status in ('pending', 'processed', 'failed', 'ignored')),
  attempts       int not null default 0,
  error          text,
  received_at    timestamptz not null default now(),
  processed_at   timestamptz,
  unique (connection_id, dedupe_key)
);
create index webhook_inbox_pending_idx on webhook_inbox (id) where status = 'pending';
