-- Payments, the attempts that moved their money, refunds and the provider balance (docs/mappings.md, "Payments").
-- A payment is counted once: here, not on charges; refunds and fees live in their own tables and are summed by the
-- payment_totals view, never copied onto the payment, so each amount is stored exactly once.

create table payment (
  id                    bigserial primary key,
  workspace_id          text not null references workspace (id),
  connection_id         text not null references connection (id) on delete cascade,
  external_id           text not null,
  status                text not null,
  amount_minor          bigint not null check (amount_minor >= 0),
  captured_minor        bigint not null check (captured_minor >= 0),
  currency              char(3) not null,
  customer_external_id  text,
  email                 text,
  email_normalized      text,
  order_reference       text,
  charge_external_id    text,
  payment_method_type   text,
  card_brand            text,
  card_last4            text,
  failure_code          text,
  decline_code          text,
  failure_message       text,
  canceled_at           timestamptz,
  cancellation_reason   text,
  description           text,
  metadata              jsonb not null default '{}'::jsonb,
  test                  boolean not null default false,
  source_created_at     timestamptz,
  source_updated_at     timestamptz not null,
  content_hash          text not null,
  deleted               boolean not null default false,
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now(),
  unique (connection_id, external_id)
);
create index payment_customer_idx on payment (connection_id, customer_external_id);
create index payment_email_idx on payment (workspace_id, email_normalized);
create index payment_order_idx on payment (workspace_id, order_reference);

create table payment_charge (
  id                                bigserial primary key,
  workspace_id                      text not null references workspace (id),
  connection_id                     text not null references connection (id) on delete cascade,
  external_id                       text not null,
  payment_external_id               text,
  status                            text not null,
  amount_minor                      bigint not null check (amount_minor >= 0),
  captured_minor                    bigint not null check (captured_minor >= 0),
  refunded_minor                    bigint not null check (refunded_minor >= 0),
  currency                          char(3) not null,
  customer_external_id              text,
  email                             text,
  email_normalized                  text,
  order_reference                   text,
  balance_transaction_external_id   text,
  payment_method_type               text,
  card_brand                        text,
  card_last4                        text,
  failure_code                      text,
  decline_code                      text,
  failure_message                   text,
  test                              boolean not null default false,
  source_created_at                 timestamptz,
  source_updated_at                 timestamptz not null,
  content_hash                      text not null,
  deleted                           boolean not null default false,
  created_at                        timestamptz not null default now(),
  updated_at                        timestamptz not null default now(),
  unique (connection_id, external_id)
);
create index payment_charge_payment_idx on payment_charge (connection_id, payment_external_id);

create table payment_refund (
  id                                bigserial primary key,
  workspace_id                      text not null references workspace (id),
  connection_id                     text not null references connection (id) on delete cascade,
  external_id                       text not null,
  payment_external_id               text,
  charge_external_id                text,
  status                            text not null,
  reason                            text,
  failure_reason                    text,
  amount_minor                      bigint not null check (amount_minor >= 0),
  currency                          char(3) not null,
  balance_transaction_external_id   text,
  source_created_at                 timestamptz,
  source_updated_at                 timestamptz not null,
  content_hash                      text not null,
  deleted                           boolean not null default false,
  created_at                        timestamptz not null default now(),
  updated_at                        timestamptz not null default now(),
  unique (connection_id, external_id)
);
create index payment_refund_payment_idx on payment_refund (connection_id, payment_external_id);
create index payment_refund_charge_idx on payment_refund (connection_id, charge_external_id);

-- amount, fee and net are in the balance's (settlement) currency; fees: [{type, amountMinor, currency, description}]
create table balance_transaction (
  id                  bigserial primary key,
  workspace_id        text not null references workspace (id),
  connection_id       text not null references connection (id) on delete cascade,
  external_id         text not null,
  type                text not null,
  status              text not null,
  reporting_category  text,
  amount_minor        bigint not null,
  fee_minor           bigint not null,
  net_minor           bigint not null,
  currency            char(3) not null,
  exchange_rate       numeric,
  fees                jsonb not null default '[]'::jsonb,
  available_on        timestamptz,
  source_external_id  text,
  description         text,
  source_created_at   timestamptz,
  source_updated_at   timestamptz not null,
  content_hash        text not null,
  deleted             boolean not null default false,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  unique (connection_id, external_id),
  check (net_minor = amount_minor - fee_minor)
);
create index balance_transaction_source_idx on balance_transaction (connection_id, source_external_id);
create index balance_transaction_available_idx on balance_transaction (connection_id, available_on);

-- One row per payment, each amount counted once: asked, captured, refunded (succeeded or pending refunds), the
-- provider's fees on its charges and refunds, and what reached the balance. A charge without a payment (legacy
-- Charges API) is a payment of its own here. Fees and net are in the balance currency, the rest in the payment's.
create view payment_totals as
with payments as (
  select 'payment' as kind, p.workspace_id, p.connection_id, p.external_id, p.status, p.currency, p.amount_minor,
         p.captured_minor, p.customer_external_id, p.email_normalized, p.order_reference, p.source_created_at
  from payment p where not p.deleted
  union all
  select 'charge', c.workspace_id, c.connection_id, c.external_id, c.status, c.currency, c.amount_minor,
         c.captured_minor, c.customer_external_id, c.email_normalized, c.order_reference, c.source_created_at
  from payment_charge c where c.payment_external_id is null and not c.deleted
),
charges as (
  select p.connection_id, p.external_id as payment_external_id, p.external_id as charge_external_id from payments p
  where p.kind = 'charge'
  union
  select c.connection_id, c.payment_external_id, c.external_id from payment_charge c where c.payment_external_id is not null
  union
  select p.connection_id, p.external_id, p.charge_external_id from payment p where p.charge_external_id is not null
),
refunds as (
  select distinct on (r.connection_id, r.external_id) r.connection_id, r.external_id, r.amount_minor, r.status,
         coalesce(r.payment_external_id, ch.payment_external_id) as payment_external_id
  from payment_refund r
  left join charges ch on ch.connection_id = r.connection_id and ch.charge_external_id = r.charge_external_id
  where not r.deleted
),
balance as (
  select ch.connection_id, ch.payment_external_id, b.fee_minor, b.net_minor
  from charges ch join balance_transaction b on b.connection_id = ch.connection_id and b.source_external_id = ch.charge_external_id
  union all
  select r.connection_id, r.payment_external_id, b.fee_minor, b.net_minor
  from refunds r join balance_transaction b on b.connection_id = r.connection_id and b.source_external_id = r.external_id
)
select p.*,
       coalesce((select sum(r.amount_minor) from refunds r where r.connection_id = p.connection_id
                 and r.payment_external_id = p.external_id and r.status in ('succeeded', 'pending')), 0)::bigint as refunded_minor,
       coalesce((select sum(b.fee_minor) from balance b where b.connection_id = p.connection_id
                 and b.payment_external_id = p.external_id), 0)::bigint as fee_minor,
       coalesce((select sum(b.net_minor) from balance b where b.connection_id = p.connection_id
                 and b.payment_external_id = p.external_id), 0)::bigint as net_minor
from payments p;
