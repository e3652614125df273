-- Privacy: erasure requests, the source records they erased (so that a later sync of them is redacted again), the
-- erasure events the fan-out relay (issue 17) propagates to targets, and the exports a data request produced.
-- None of these tables holds the person's personal data: a subject is described by counts and hashed keys.

create table erasure_request (
  id            bigserial primary key,
  workspace_id  text not null references workspace (id),
  -- the profile erased, if any (a Shopify customers/redact may name a customer no profile holds yet)
  profile_id    bigint,
  -- 'api' (DELETE /api/profiles/{id}) or the webhook topic that asked, e.g. 'shopify customers/redact'
  origin        text not null,
  -- counts of what was erased and SHA-256 of the normalised keys: {"identities":n,"customers":n,...,"keys":{...}}
  subject       jsonb not null,
  status        text not null check (status in ('processing', 'completed')),
  -- per part: {"store":"completed","inbox":"completed","deadLetters":"completed","targets":"pending"}
  parts         jsonb not null,
  requested_by  text,
  requested_at  timestamptz not null default now(),
  completed_at  timestamptz
);
create index erasure_request_workspace_idx on erasure_request (workspace_id, id);

-- Every source record an erasure redacted. A later sync or webhook that brings one back stores it redacted again in
-- the same transaction (PageCommitter asks ErasedRecords), so the source still holding the person is not a leak.
create table erased_record (
  connection_id  text not null references connection (id) on delete cascade,
  entity         text not null,
  external_id    text not null,
  workspace_id   text not null references workspace (id),
  erasure_id     bigint not null references erasure_request (id) on delete cascade,
  primary key (connection_id, entity, external_id)
);
create index erased_record_erasure_idx on erased_record (erasure_id);

-- The erasure outbox: one row per erasure, written in its transaction, for the relay (issue 17) to publish on the
-- erasure topic and mark relayed. Targets identify the person by the hashed keys and the source record keys.
create table erasure_event (
  id            bigserial primary key,
  workspace_id  text not null references workspace (id),
  erasure_id    bigint not null references erasure_request (id) on delete cascade,
  payload       jsonb not null,
  created_at    timestamptz not null default now(),
  relayed_at    timestamptz
);
create index erasure_event_pending_idx on erasure_event (id) where relayed_at is null;

-- What a customers/data_request produced: the export the merchant fetches and sends to the customer
-- (GET /api/data-requests/{id}). It holds personal data by nature, and is erased with the person.
create table data_request (
  id             bigserial primary key,
  workspace_id   text not null references workspace (id),
  connection_id  text not null references connection (id) on delete cascade,
  -- the request's id at the source (Shopify data_request.id) and the customer it names
  source_request text,
  customer_external_id text,
  profile_id     bigint,
  document       jsonb not null,
  created_at     timestamptz not null default now()
);
create index data_request_workspace_idx on data_request (workspace_id, id);
