-- A customer's one name, for sources that keep a single name field (Stripe); sources with first and last names
-- leave it null.
alter table customer add column full_name text;

-- Marketing consent statements, per channel, as each source record made them: the history, never overwritten.
-- A re-read adds nothing (a statement equal to the source record's last one on that channel is not recorded again);
-- a change back (subscribe, unsubscribe, subscribe) is three statements. customer.email_consent/sms_consent keep
-- the record's current word; which statement wins across a profile's records is io.mekong.identity.consent's rule.
create table consent_statement (
  id             bigserial primary key,
  workspace_id   text not null references workspace (id),
  connection_id  text not null references connection (id) on delete cascade,
  customer_id    bigint not null references customer (id) on delete cascade,
  channel        text not null check (channel in ('email', 'sms')),
  status         text not null check (status in ('subscribed', 'unsubscribed', 'pending', 'not_subscribed')),
  -- the source field that carried it, e.g. emailMarketingConsent, extension_attributes.is_subscribed
  field          text not null,
  -- when the source says it was stated, as sent (null: the source does not say); readers never take it as later
  -- than received_at
  stated_at      timestamptz,
  received_at    timestamptz not null default now(),
  -- the source's own words: raw state, opt-in level, where it was collected
  evidence       jsonb not null default '{}'::jsonb
);
create index consent_statement_customer_idx on consent_statement (customer_id, channel, id);
create index consent_statement_workspace_idx on consent_statement (workspace_id);

-- Customers stored before this migration carry their consent only as the record's state on the row. Each becomes
-- one statement without a time, named after that column, so that a customer not read again still has its consent;
-- the next read of the customer states its own, with the source's field, time and evidence. Source states outside
-- the vocabulary (Shopify's invalid, redacted) allow no marketing: not_subscribed, the raw state kept as evidence.
insert into consent_statement (workspace_id, connection_id, customer_id, channel, status, field, evidence)
select c.workspace_id, c.connection_id, c.id, s.channel,
       case when s.state in ('subscribed', 'unsubscribed', 'pending') then s.state else 'not_subscribed' end,
       s.field, jsonb_build_object('state', s.state)
  from customer c
 cross join lateral (values ('email', 'customer.email_consent', c.email_consent),
                            ('sms', 'customer.sms_consent', c.sms_consent)) as s(channel, field, state)
 where s.state is not null and not c.deleted;
