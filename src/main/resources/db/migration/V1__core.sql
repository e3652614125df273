-- Mekong core schema. Every row belongs to a workspace (one merchant); nothing joins across workspaces.

create table workspace (
  id          text primary key,
  name        text not null,
  created_at  timestamptz not null default now()
);

create table app_user (
  username       text primary key,
  password_hash  text not null,
  role           text not null check (role in ('admin', 'operator', 'merchant', 'viewer')),
  workspace_id   text references workspace (id),
  created_at     timestamptz not null default now(),
  check (role <> 'merchant' or workspace_id is not null)
);

-- A configured link to one external system. Secrets are AES-GCM ciphertext under the master key, never plain text.
create table connection (
  id            text primary key,
  workspace_id  text not null references workspace (id),
  connector     text not null,
  name          text not null,
  params        jsonb not null default '{}'::jsonb,
  secrets       bytea,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);
create index connection_workspace_idx on connection (workspace_id);

-- Raw landing: the latest payload of every source record exactly as the source sent it.
create table source_record (
  connection_id      text not null references connection (id) on delete cascade,
  entity             text not null,
  external_id        text not null,
  workspace_id       text not null references workspace (id),
  payload            jsonb not null,
  source_updated_at  timestamptz,
  content_hash       text not null,
  landed_at          timestamptz not null default now(),
  primary key (connection_id, entity, external_id)
);

-- ---------- canonical store ----------
-- Money is integer minor units with an ISO 4217 currency. Timestamps are UTC instants.

create table customer (
  id                 bigserial primary key,
  workspace_id       text not null references workspace (id),
  connection_id      text not null references connection (id) on delete cascade,
  external_id        text not null,
  email              text,
  email_normalized   text,
  phone              text,
  first_name         text,
  last_name          text,
  locale             text,
  state              text,
  tags               text[] not null default '{}',
  email_consent      text,
  sms_consent        text,
  default_address    jsonb,
  source_created_at  timestamptz,
  source_updated_at  timestamptz not null,
  content_hash       text not null,
  deleted            boolean not null default false,
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now(),
  unique (connection_id, external_id)
);
create index customer_email_idx on customer (workspace_id, email_normalized);
create index customer_phone_idx on customer (workspace_id, phone);

create table sales_order (
  id                     bigserial primary key,
  workspace_id           text not null references workspace (id),
  connection_id          text not null references connection (id) on delete cascade,
  external_id            text not null,
  order_number           text,
  customer_external_id   text,
  email                  text,
  email_normalized       text,
  phone                  text,
  currency               char(3) not null,
  presentment_currency   char(3),
  subtotal_minor         bigint,
  discount_minor         bigint,
  shipping_minor         bigint,
  tax_minor              bigint,
  total_minor            bigint not null,
  refunded_minor         bigint not null default 0,
  financial_status       text,
  fulfillment_status     text,
  status                 text not null check (status in ('open', 'closed', 'cancelled')),
  cancelled_at           timestamptz,
  cancel_reason          text,
  placed_at              timestamptz not null,
  billing_address        jsonb,
  shipping_address       jsonb,
  tags                   text[] not null default '{}',
  test                   boolean not null default false,
  -- payments and refunds are carried on the order: [{externalId, kind, status, gateway, amountMinor, currency, processedAt}]
  payments               jsonb not null default '[]'::jsonb,
  refunds                jsonb not null default '[]'::jsonb,
  source_created_at      timestamptz,
  source_updated_at      timestamptz not null,
  content_hash           text not null,
  deleted                boolean not null default false,
  created_at             timestamptz not null default now(),
  updated_at             timestamptz not null default now(),
  unique (connection_id, external_id)
);
create index sales_order_customer_idx on sales_order (connection_id, customer_external_id);
create index sales_order_email_idx on sales_order (workspace_id, email_normalized);
create index sales_order_placed_idx on sales_order (connection_id, placed_at);

create table order_line (
  order_id              bigint not null references sales_order (id) on delete cascade,
  line_no               int not null,
  external_id           text not null,
  product_external_id   text,
  variant_external_id   text,
  sku                   text,
  title                 text not null,
  variant_title         text,
  quantity              int not null,
  current_quantity      int,
  unit_price_minor      bigint not null,
  discount_minor        bigint not null default 0,
  currency              char(3) not null,
  primary key (order_id, line_no)
);

create table product (
  id                 bigserial primary key,
  workspace_id       text not null references workspace (id),
  connection_id      text not null references connection (id) on delete cascade,
  external_id        text not null,
  title              text not null,
  handle             text,
  vendor             text,
  product_type       text,
  status             text,
  tags               text[] not null default '{}',
  source_created_at  timestamptz,
  source_updated_at  timestamptz not null,
  content_hash       text not null,
  deleted            boolean not null default false,
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now(),
  unique (connection_id, external_id)
);

create table product_variant (
  product_id          bigint not null references product (id) on delete cascade,
  position            int not null,
  external_id         text not null,
  sku                 text,
  title               text,
  barcode             text,
  price_minor         bigint not null,
  compare_at_minor    bigint,
  currency            char(3) not null,
  inventory_quantity  int,
  primary key (product_id, position)
);
create index product_variant_sku_idx on product_variant (sku);

-- ---------- sync ----------

create table sync_job (
  id             bigserial primary key,
  workspace_id   text not null references workspace (id),
  connection_id  text not null references connection (id) on delete cascade,
  streams        text[] not null,
  schedule       text,
  enabled        boolean not null default true,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now()
);

create table sync_run (
  id             bigserial primary key,
  job_id         bigint references sync_job (id) on delete set null,
  workspace_id   text not null references workspace (id),
  connection_id  text not null references connection (id) on delete cascade,
  trigger        text not null,
  status         text not null check (status in ('queued', 'running', 'succeeded', 'failed', 'interrupted')),
  -- the instance that queued and runs it; see InstanceLiveness for how a dead owner is detected
  owner          text,
  queued_at      timestamptz not null default now(),
  started_at     timestamptz,
  finished_at    timestamptz,
  error          text
);
create index sync_run_job_idx on sync_run (job_id, id desc);

-- Per-stream counts of a run. read = inserted + updated + unchanged + stale + rejected.
create table sync_run_stream (
  run_id     bigint not null references sync_run (id) on delete cascade,
  stream     text not null,
  status     text not null,
  -- committed batches (one or more API pages each)
  batches    int not null default 0,
  read       int not null default 0,
  inserted   int not null default 0,
  updated    int not null default 0,
  unchanged  int not null default 0,
  stale      int not null default 0,
  rejected   int not null default 0,
  error      text,
  primary key (run_id, stream)
);

-- Opaque cursor state per (connection, stream), advanced in the transaction that commits its page.
create table checkpoint (
  connection_id  text not null references connection (id) on delete cascade,
  stream         text not null,
  state          jsonb not null,
  updated_at     timestamptz not null default now(),
  primary key (connection_id, stream)
);

create table dead_letter (
  id             bigserial primary key,
  workspace_id   text not null references workspace (id),
  connection_id  text not null references connection (id) on delete cascade,
  entity         text not null,
  external_id    text,
  run_id         bigint references sync_run (id) on delete set null,
  reason         text not null,
  payload        jsonb,
  raw_payload    text,
  status         text not null default 'open' check (status in ('open', 'replayed', 'discarded')),
  attempts       int not null default 0,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now()
);
create index dead_letter_open_idx on dead_letter (connection_id, entity) where status = 'open';
