-- The BI star schema (docs/bi.md): facts and dimensions that Looker Studio, Power BI and Tableau read, kept by the
-- reporting consumer (routes/reporting.yaml) from the bus's events, never written by the store. Every row keeps the
-- sequence of the event that wrote it (docs/events.md: within a subject, a larger sequence is newer), so an older event,
-- read out of order or again, never overwrites a newer one. Money is integer minor units with its currency, as
-- everywhere in Mekong; the revenue view gives major units for the tools.
create schema reporting;

-- One row per calendar day (UTC): facts name their day by date_key (yyyymmdd). Filled here for 2010-2035 and extended
-- by the consumer for any day outside (reporting.ensure_dates).
create table reporting.dim_date (
  date_key     int primary key,
  day          date not null unique,
  year         int not null,
  quarter      int not null,
  month        int not null,
  month_start  date not null,
  iso_year     int not null,
  iso_week     int not null,
  -- ISO: 1 Monday .. 7 Sunday
  weekday      int not null,
  weekday_name text not null
);

create function reporting.ensure_dates(first date, last date) returns void language sql as $$
  insert into reporting.dim_date
  select to_char(d, 'YYYYMMDD')::int, d, extract(year from d), extract(quarter from d), extract(month from d),
         date_trunc('month', d)::date, extract(isoyear from d), extract(week from d), extract(isodow from d),
         trim(to_char(d, 'Day'))
    from generate_series(first, last, interval '1 day') g(t) cross join lateral (select g.t::date as d) x
  on conflict do nothing
$$;
select reporting.ensure_dates('2010-01-01', '2035-12-31');

-- The minor-unit digits of each currency met (VND 0, USD 2, KWD 3), as java.util.Currency has them: the revenue view
-- divides by them.
create table reporting.dim_currency (
  code          char(3) primary key,
  minor_digits  int not null
);

-- A connection: where an order, payment or product came from.
create table reporting.dim_channel (
  connection_id  text primary key,
  workspace_id   text not null,
  api_id         text not null,
  connector      text not null,
  name           text not null,
  sequence       bigint not null
);

-- One row per profile (the single customer view's person). Names, email, phone and city are nulled by an erasure
-- (erased_at set), for good: a later event of the profile cannot bring them back.
create table reporting.dim_customer (
  profile_id      bigint primary key,
  workspace_id    text not null,
  email           text,
  phone           text,
  first_name      text,
  last_name       text,
  full_name       text,
  city            text,
  country_code    text,
  first_order_at  timestamptz,
  last_order_at   timestamptz,
  -- the month of the first purchase: the cohort
  cohort_month    date,
  erased_at       timestamptz,
  sequence        bigint not null
);
create index dim_customer_workspace_idx on reporting.dim_customer (workspace_id, cohort_month);

-- Which profile holds each identity (from the profiles' events): orders follow their customer when profiles merge.
create table reporting.customer_identity (
  connection_id  text not null,
  kind           text not null,
  external_id    text not null,
  profile_id     bigint not null,
  sequence       bigint not null,
  primary key (connection_id, kind, external_id)
);
create index customer_identity_profile_idx on reporting.customer_identity (profile_id);

create table reporting.dim_product (
  connection_id  text not null,
  external_id    text not null,
  workspace_id   text not null,
  title          text,
  vendor         text,
  product_type   text,
  status         text,
  deleted        boolean not null default false,
  sequence       bigint not null,
  primary key (connection_id, external_id)
);

-- One row per order. purchase and net_revenue_minor follow the hub's revenue rule (docs/identity.md, "What is
-- revenue"): an order earns its total net of refunds; a voided or fully refunded order earns nothing (it is no
-- purchase), and a cancelled one only when it was paid. Test and deleted orders are kept, flagged: the KPIs leave them
-- out.
create table reporting.fact_order (
  connection_id         text not null,
  external_id           text not null,
  workspace_id          text not null,
  order_number          text,
  customer_id           bigint,
  customer_external_id  text,
  date_key              int not null,
  placed_at             timestamptz not null,
  status                text not null,
  financial_status      text,
  fulfillment_status    text,
  source_channel        text,
  currency              char(3) not null,
  total_minor           bigint not null,
  subtotal_minor        bigint,
  discount_minor        bigint,
  shipping_minor        bigint,
  tax_minor             bigint,
  refunded_minor        bigint not null,
  purchase              boolean not null,
  net_revenue_minor     bigint not null,
  cancelled             boolean not null,
  test                  boolean not null,
  deleted               boolean not null,
  -- personal: nulled by an erasure of the order or its customer
  ship_city             text,
  ship_country          text,
  sequence              bigint not null,
  primary key (connection_id, external_id)
);
create index fact_order_customer_idx on reporting.fact_order (customer_id);
create index fact_order_customer_key_idx on reporting.fact_order (connection_id, customer_external_id);
create index fact_order_workspace_date_idx on reporting.fact_order (workspace_id, date_key);

-- One row per line of an order, written with its order (and by the same event), deleted with it.
create table reporting.fact_order_line (
  connection_id        text not null,
  order_external_id    text not null,
  line_no              int not null,
  external_id          text,
  product_external_id  text,
  variant_external_id  text,
  sku                  text,
  title                text,
  quantity             int not null,
  unit_price_minor     bigint not null,
  discount_minor       bigint not null,
  -- quantity × unit price − discount
  net_minor            bigint not null,
  currency             char(3) not null,
  sequence             bigint not null,
  -- no foreign key to fact_order: its check, row by row, cost more than the rest of a poll's statements; the consumer
  -- deletes an order's lines with it
  primary key (connection_id, order_external_id, line_no)
);

-- One row per provider payment (a Stripe PaymentIntent, or a charge made without one), counted once.
create table reporting.fact_payment (
  connection_id         text not null,
  external_id           text not null,
  workspace_id          text not null,
  customer_id           bigint,
  customer_external_id  text,
  order_reference       text,
  date_key              int,
  created_at            timestamptz,
  status                text,
  payment_method_type   text,
  currency              char(3) not null,
  amount_minor          bigint,
  captured_minor        bigint,
  refunded_minor        bigint,
  fee_minor             bigint,
  net_minor             bigint,
  test                  boolean not null,
  deleted               boolean not null,
  sequence              bigint not null,
  primary key (connection_id, external_id)
);

-- Subjects gone from the hub (a removed event): their rows are deleted, and an older event of them read later is
-- recognised here and not applied.
create table reporting.removed_subject (
  kind      text not null,
  subject   text not null,
  sequence  bigint not null,
  primary key (kind, subject)
);

-- Revenue in major units, per order that counts (not test, not deleted), for tools that do not divide by 10^digits.
create view reporting.revenue as
select f.workspace_id, f.connection_id, ch.api_id as channel, ch.connector, f.external_id as order_id, f.order_number,
       f.customer_id, f.date_key, d.day, d.month_start, f.currency,
       f.net_revenue_minor / power(10::numeric, coalesce(c.minor_digits, 2)) as net_revenue,
       f.total_minor / power(10::numeric, coalesce(c.minor_digits, 2)) as total,
       f.refunded_minor / power(10::numeric, coalesce(c.minor_digits, 2)) as refunded
  from reporting.fact_order f
  join reporting.dim_date d on d.date_key = f.date_key
  left join reporting.dim_channel ch on ch.connection_id = f.connection_id
  left join reporting.dim_currency c on c.code = f.currency
 where not f.test and not f.deleted;

-- The role BI tools log in through (docs/bi.md): reads the reporting schema, nothing else. Created only where the
-- migrating user may create roles: an external database without CREATEROLE still migrates, and its DBA creates it.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'mekong_reporting_reader') then
    create role mekong_reporting_reader nologin;
  end if;
  grant usage on schema reporting to mekong_reporting_reader;
  grant select on all tables in schema reporting to mekong_reporting_reader;
  alter default privileges in schema reporting grant select on tables to mekong_reporting_reader;
exception when insufficient_privilege then
  raise notice 'mekong_reporting_reader not created (the migrating user may not create roles): see docs/bi.md';
end $$;
