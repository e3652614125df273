-- The zone a workspace's people live in: the console shows dates in it and schedules "daily at 09:00" by it.
-- An IANA zone id; most of our merchants are in Vietnam.
alter table workspace add column time_zone text not null default 'Asia/Ho_Chi_Minh';
