-- Destinations: a target connection (Klaviyo, Mailchimp, HubSpot, an HTTP endpoint) subscribed to the bus. Each has its
-- own Kafka consumer group, offsets, retries and dead letters, so one slow or dead target never holds the others.
create table destination (
  id             bigserial primary key,
  workspace_id   text not null references workspace (id),
  -- the id callers use (POST /api/destinations {id}), unique within the workspace
  api_id         text not null,
  connection_id  text not null references connection (id) on delete cascade,
  -- what it receives: profiles, orders, events, consent, erasures
  deliver        text[] not null,
  enabled        boolean not null default true,
  -- counts since creation: events the target accepted, and events it refused for good (dead letters)
  delivered      bigint not null default 0,
  failed         bigint not null default 0,
  -- the last delivery trouble, while it lasts: the target answering 5xx/429 or not at all (the batch is retried)
  last_error     text,
  failing_since  timestamptz,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  unique (workspace_id, api_id)
);

-- What each consumer of the bus has applied, by event id: an event published again after a crash, or read again after
-- a consumer crashed before committing its offsets, is skipped. consumer: 'destination:<id>' or 'reporting'.
create table consumed_event (
  consumer     text not null,
  event_id     uuid not null,
  consumed_at  timestamptz not null default now(),
  primary key (consumer, event_id)
);
create index consumed_event_age_idx on consumed_event (consumed_at);

-- A target's ID map: which object of the target stands for which subject of ours (a Klaviyo profile for a profile, a
-- HubSpot deal for an order), so that an update never creates a second object and a 409 never loops. key_hashes are
-- the SHA-256 of the normalised emails and phones the object was written with: an erasure finds every object of the
-- person through them, even of profiles merged away since.
create table destination_object (
  destination_id  bigint not null references destination (id) on delete cascade,
  kind            text not null,
  local_id        text not null,
  target_id       text,
  key_hashes      text[] not null default '{}',
  -- a hash of what was last written, so an unchanged subject is not written again
  state_hash      text,
  updated_at      timestamptz not null default now(),
  primary key (destination_id, kind, local_id)
);
create index destination_object_keys_idx on destination_object using gin (key_hashes);

-- Events a destination's target refused for good wait here with the reason, for a fix and a replay.
alter table dead_letter add column destination_id bigint references destination (id) on delete cascade;
create index dead_letter_destination_idx on dead_letter (destination_id) where destination_id is not null;

-- Per erasure, each destination that must confirm it (those subscribed to erasures when it was requested).
create table erasure_target (
  erasure_id      bigint not null references erasure_request (id) on delete cascade,
  destination_id  bigint not null references destination (id) on delete cascade,
  status          text not null default 'pending' check (status in ('pending', 'completed', 'failed')),
  detail          text,
  confirmed_at    timestamptz,
  primary key (erasure_id, destination_id)
);
