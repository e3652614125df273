-- Request budgets shared by every instance: one token bucket per connection (connector spec rateLimit.requestRate).
-- A negative balance is a debt that callers wait out, so concurrent instances are spaced out, not bunched.
create table rate_budget (
  connection_id  text primary key references connection (id) on delete cascade,
  tokens         double precision not null,
  refilled_at    timestamptz not null
);
