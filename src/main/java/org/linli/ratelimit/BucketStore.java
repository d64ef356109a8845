package org.linli.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.util.function.Supplier;

/**
 * Where the token buckets live. In memory for now, so each node limits on its own; a shared store
 * (Bucket4j's {@code ProxyManager} over PostgreSQL or Redis) can replace it without touching the
 * callers, since a {@code BucketProxy} is a {@link Bucket}.
 */
interface BucketStore {

  /** The bucket of {@code key}, created with {@code configuration} on first use. */
  Bucket bucket(String key, Supplier<BucketConfiguration> configuration);
}
