-- What merchants use that the model had no place for: order and customer notes, where an order was placed, and a
-- free map of source fields without a column of their own (filled by mappings, returned by the API).

alter table sales_order
  add column note            text,
  add column source_channel  text,
  add column attributes      jsonb not null default '{}'::jsonb;

alter table customer
  add column note            text,
  add column attributes      jsonb not null default '{}'::jsonb;

alter table product
  add column attributes      jsonb not null default '{}'::jsonb;
