-- Profile totals (docs/identity.md, "Golden record and totals"): revenue is summed in the workspace's reporting
-- currency at rates an operator sets (PUT /api/fx-rates); the hub has no live rates and never guesses one. Search
-- reads phone numbers without a country code in the workspace's region.
alter table workspace
  add column reporting_currency  char(3) not null default 'VND' check (reporting_currency ~ '^[A-Z]{3}$'),
  add column phone_region        text not null default 'VN' check (phone_region ~ '^[A-Z]{2}$');

-- 1 unit of currency = rate units of the workspace's reporting currency (major units: 1 USD = 25400 VND)
create table fx_rate (
  workspace_id  text not null references workspace (id) on delete cascade,
  currency      char(3) not null check (currency ~ '^[A-Z]{3}$'),
  rate          numeric not null check (rate > 0),
  set_at        timestamptz not null default now(),
  set_by        text,
  primary key (workspace_id, currency)
);

-- profile_order as V14 has it, written as two branches each joined on an index: V14's one join with an OR cannot use
-- sales_order's indexes and read every order of the connection for each identity (3.7 s for 250 profiles among 60,000
-- orders; this form: milliseconds). Same rows, same columns.
create or replace view profile_order as
select i.profile_id, i.id as identity_id, o.id as order_id
  from identity i
  join sales_order o on o.connection_id = i.connection_id and o.customer_external_id = i.external_id
 where i.profile_id is not null and i.kind in ('customer', 'buyer')
union all
select i.profile_id, i.id as identity_id, o.id as order_id
  from identity i
  join sales_order o on o.connection_id = i.connection_id and o.external_id = i.external_id
 where i.profile_id is not null and i.kind = 'guest' and o.customer_external_id is null;

-- The payments of a profile's payment-provider customers (a Stripe customer is a customer identity), each counted once
-- (payment_totals), with the stored order it names through the provider connection's ordersConnection: a payment with
-- an order is that order's money; one without is a purchase of its own (docs/identity.md, "Golden record and totals").
create view profile_payment as
select i.profile_id, i.id as identity_id, o.id as order_id, t.*
  from identity i
  join connection pc on pc.id = i.connection_id
  join payment_totals t on t.connection_id = i.connection_id and t.customer_external_id = i.external_id
  left join connection oc on oc.workspace_id = pc.workspace_id and oc.api_id = pc.params ->> 'ordersConnection'
  left join sales_order o on o.connection_id = oc.id and o.external_id = t.order_reference and not o.deleted
 where i.kind = 'customer' and i.profile_id is not null;
