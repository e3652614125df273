-- Checkouts a buyer started (Shopify's abandoned checkouts, recovered ones included): the cart, the buyer's contact
-- and the link back to it. abandoned_at is set once, by the abandonment scan (AbandonedCheckouts), when the checkout
-- is past the configured delay with no completion and no later order from the same buyer; the store's upserts never
-- write it (nor followed_by_order), so a checkout is marked, and announced, at most once.

create table checkout (
  id                     bigserial primary key,
  workspace_id           text not null references workspace (id),
  connection_id          text not null references connection (id) on delete cascade,
  external_id            text not null,
  customer_external_id   text,
  email                  text,
  email_normalized       text,
  phone                  text,
  currency               char(3) not null,
  subtotal_minor         bigint,
  total_minor            bigint not null,
  recovery_url           text,
  completed_at           timestamptz,
  abandoned_at           timestamptz,
  -- set by the scan when the checkout was due but its buyer had ordered since: settled, never looked at again
  followed_by_order      boolean not null default false,
  attributes             jsonb not null default '{}'::jsonb,
  source_created_at      timestamptz not null,
  source_updated_at      timestamptz not null,
  content_hash           text not null,
  deleted                boolean not null default false,
  created_at             timestamptz not null default now(),
  updated_at             timestamptz not null default now(),
  unique (connection_id, external_id)
);

-- what the abandonment scan looks at: the open checkouts not yet settled, oldest change first
create index checkout_due_idx on checkout (source_updated_at, id)
  where abandoned_at is null and completed_at is null and not deleted and not followed_by_order;
create index checkout_email_idx on checkout (workspace_id, email_normalized);

create table checkout_line (
  checkout_id           bigint not null references checkout (id) on delete cascade,
  line_no               int not null,
  title                 text not null,
  sku                   text,
  product_external_id   text,
  variant_external_id   text,
  quantity              int not null,
  unit_price_minor      bigint not null,
  currency              char(3) not null,
  primary key (checkout_id, line_no)
);

-- the scan asks whether the buyer ordered after the checkout began, by customer id or by email
create index sales_order_customer_placed_idx on sales_order (connection_id, customer_external_id, placed_at);
