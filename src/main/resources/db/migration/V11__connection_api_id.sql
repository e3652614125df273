-- A connection's id as callers know it (the API id) is unique within its workspace only, so a merchant who picks an
-- id another workspace already uses gets it all the same and learns nothing. `id` stays the global key every table
-- refers to (records, jobs, checkpoints, rate budgets, the webhook inbox): it is the API id when that was free
-- everywhere at creation, else one generated from it. Existing connections keep their id as their API id.
alter table connection add column api_id text;
update connection set api_id = id;
alter table connection alter column api_id set not null;
alter table connection add constraint connection_workspace_api_id_key unique (workspace_id, api_id);

-- A row written without an API id (by SQL that predates it: tools, fixtures) is known by its global id, as before.
create function connection_api_id_default() returns trigger language plpgsql as $$
begin
  new.api_id := coalesce(new.api_id, new.id);
  return new;
end $$;
create trigger connection_api_id_default before insert on connection
  for each row execute function connection_api_id_default();
