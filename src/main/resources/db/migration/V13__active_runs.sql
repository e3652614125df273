-- The run sweep (every instance, every mekong.sync.sweep-every) reads the queued and running runs; they are few among
-- all the runs ever made, so it reads them from this small index instead of the whole table.
create index sync_run_active_idx on sync_run (id) where status in ('queued', 'running');
