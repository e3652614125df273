-- Administration (issue 18): users can be disabled, API tokens for scripts, and the audit log.

-- a disabled user keeps its row (and its audit trail) but can neither sign in nor use its tokens
alter table app_user add column enabled boolean not null default true;

create table api_token (
  id            bigserial primary key,
  username      text not null references app_user (username) on delete cascade,
  name          text not null,
  -- the first characters of the token, shown in lists so that people can tell their tokens apart
  prefix        text not null,
  -- SHA-256 of the whole token; the token itself is shown once and never stored
  token_hash    bytea not null unique,
  created_at    timestamptz not null default now(),
  expires_at    timestamptz,
  last_used_at  timestamptz,
  revoked_at    timestamptz
);
create index api_token_user on api_token (username, id);

-- who changed what; no foreign keys, so that the trail outlives the users, workspaces and rows it names
create table audit_event (
  id            bigserial primary key,
  at            timestamptz not null default now(),
  actor         text not null,
  workspace_id  text,
  action        text not null,
  subject_type  text not null,
  subject_id    text not null,
  detail        jsonb not null default '{}'
);
create index audit_event_workspace on audit_event (workspace_id, id desc);
create index audit_event_subject on audit_event (subject_type, subject_id, id desc);
