-- Single customer view. A source identity is a person as one source knows them; identities that share a usable key
-- (identity.yaml) form one profile. Profiles, identities and keys never cross a workspace.

create table profile (
  id            bigserial primary key,
  workspace_id  text not null references workspace (id),
  -- the golden record (survivorship) and the totals, recomputed whenever the profile's identities or orders change
  golden        jsonb not null default '{}'::jsonb,
  totals        jsonb not null default '{}'::jsonb,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);
create index profile_workspace_idx on profile (workspace_id);

-- customer: a customer record (external_id = the customer's id at the source);
-- buyer: orders whose customer reference has no customer record, e.g. a marketplace buyer id (external_id = that id);
-- guest: an order with no customer reference at all (external_id = the order's id)
create table identity (
  id             bigserial primary key,
  workspace_id   text not null references workspace (id),
  connection_id  text not null references connection (id) on delete cascade,
  kind           text not null check (kind in ('customer', 'buyer', 'guest')),
  external_id    text not null,
  profile_id     bigint references profile (id) on delete set null,
  -- the person's name folded for comparison (no diacritics, lower case, single spaces); null when unknown or masked
  name_folded    text,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  unique (connection_id, kind, external_id)
);
create index identity_profile_idx on identity (profile_id);
create index identity_workspace_idx on identity (workspace_id, id);

-- The matching keys of an identity, normalised: kind is a key kind of identity.yaml (email, phone, link, phone_name)
create table identity_key (
  identity_id   bigint not null references identity (id) on delete cascade,
  workspace_id  text not null,
  kind          text not null,
  value         text not null,
  primary key (identity_id, kind, value)
);
create index identity_key_value_idx on identity_key (workspace_id, kind, value);

-- The merge ledger: every join of two profiles, with the rule, the key values that matched and the identities on
-- each side. An unmerge marks the row undone and records a do-not-merge pair.
create table profile_merge (
  id            bigserial primary key,
  workspace_id  text not null references workspace (id),
  profile_id    bigint references profile (id) on delete set null,
  rule          text not null,
  evidence      jsonb not null,
  joined        jsonb not null,
  merged_at     timestamptz not null default now(),
  undone_at     timestamptz,
  undone_by     text
);
create index profile_merge_profile_idx on profile_merge (profile_id, id);

-- Identities that must never end in one profile (an unmerge, or an operator's decision)
create table do_not_merge (
  workspace_id  text not null references workspace (id),
  identity_a    bigint not null references identity (id) on delete cascade,
  identity_b    bigint not null references identity (id) on delete cascade,
  reason        text not null,
  created_by    text,
  created_at    timestamptz not null default now(),
  primary key (identity_a, identity_b),
  check (identity_a < identity_b)
);

-- Which orders belong to which profile: through the identity that placed them. An order with a customer reference
-- belongs to that customer (or buyer) identity of its connection; an order without one is its own guest identity.
create view profile_order as
select i.profile_id, i.id as identity_id, o.id as order_id
  from identity i
  join sales_order o on o.connection_id = i.connection_id
 where i.profile_id is not null
   and ((i.kind in ('customer', 'buyer') and o.customer_external_id = i.external_id)
     or (i.kind = 'guest' and o.customer_external_id is null and o.external_id = i.external_id));

-- Which source customer records belong to which profile.
create view profile_customer as
select i.profile_id, i.id as identity_id, c.id as customer_id
  from identity i
  join customer c on c.connection_id = i.connection_id and c.external_id = i.external_id
 where i.kind = 'customer' and i.profile_id is not null;
