-- The bus (docs/events.md). Every canonical change writes an outbox row in the transaction of the change; the relay
-- (routes/relay.yaml) publishes the rows to Kafka in id order and deletes them once the broker has them. A row names
-- what changed, not how it looks: the relay reads the subject as it is when it publishes (a snapshot), so a person
-- erased in between is never published, and ten changes of one profile in a batch are one event. Only an erasure's
-- row carries its payload, which no later change may alter.
create table outbox (
  id             bigserial primary key,
  -- the event's id, stable when a crash makes the relay publish the row again: consumers skip what they have seen
  event_id       uuid not null default gen_random_uuid(),
  workspace_id   text not null,
  -- profiles, orders, payments, products, checkouts, erasures (the topic, without its prefix)
  topic          text not null,
  -- the subject: a profile id; a connection's record (connection_id, external_id); an erasure id
  connection_id  text,
  subject        text not null,
  payload        jsonb,
  created_at     timestamptz not null default now()
);

-- Erasure events written before the relay existed move to the outbox, in their order.
insert into outbox (workspace_id, topic, subject, payload, created_at)
select workspace_id, 'erasures', erasure_id::text, payload, created_at from erasure_event where relayed_at is null
 order by id;
drop table erasure_event;

-- Leases: work only one instance may do at a time (the relay, which keeps each key's events in order). The holder
-- renews its lease while it works; a lease not renewed (a crashed instance) is taken over once it expires.
create table lease (
  name        text primary key,
  holder      text not null,
  expires_at  timestamptz not null
);
