-- Token renewal holds a lease on its connection instead of a row lock: the vendor's token endpoint is called with no
-- database transaction open, and the renewed tokens commit the moment it answers. Another renewer waits for the
-- lease (or its end, should the holder die) and then finds the tokens already renewed.
alter table connection add column renewal_holder text;
alter table connection add column renewal_until timestamptz;
