-- Where the people of a profile deleted by identity resolution went: the profile that took most of its identities
-- (a merge), or the one its released buyer or guest identity now belongs to. The relay names the live end of the chain
-- in the profile's removed event (docs/events.md, "mergedInto"), so that each target merges the object it wrote for
-- the profile into the survivor's. Ids only: nothing personal.
create table profile_successor (
  profile_id    bigint primary key,
  successor_id  bigint not null,
  workspace_id  text not null references workspace (id),
  created_at    timestamptz not null default now()
);
