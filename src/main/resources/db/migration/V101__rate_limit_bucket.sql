-- Rate-limit buckets shared by all nodes (linli.rate-limit.store=database). The key is a SHA-256
-- of the limiter key, which may name an address; the state is Bucket4j's serialised bucket.
create table rate_limit_bucket (
  id varchar(64) primary key,
  state bytea,
  updated_at timestamp with time zone not null
);
create index rate_limit_bucket_updated on rate_limit_bucket (updated_at);
