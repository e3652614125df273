-- A sync job's cron schedule is read in the job's time zone. Jobs made before zones existed ran in UTC and keep it;
-- new jobs take their workspace's zone unless they name one.
alter table sync_job add column time_zone text not null default 'UTC';
alter table sync_job alter column time_zone drop default;

-- The last "test connection" of each connection, for its health in the console (the message names what failed, never
-- a secret or a vendor's body).
alter table connection add column last_test_at timestamptz;
alter table connection add column last_test_ok boolean;
alter table connection add column last_test_message text;
