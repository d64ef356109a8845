package org.linli.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Buckets of this node, at most {@code maxKeys}: the least recently used is dropped first. Dropping
 * a bucket only forgets its history (the next message starts with a full bucket), so under a flood
 * of new addresses the limits loosen for old ones rather than memory running out.
 */
final class InMemoryBucketStore implements BucketStore {

  private final Map<String, Bucket> buckets;

  InMemoryBucketStore(int maxKeys) {
    this.buckets =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > maxKeys;
          }
        };
  }

  @Override
  public synchronized Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
    return buckets.computeIfAbsent(
        key,
        k -> {
          LocalBucketBuilder builder = Bucket.builder();
          for (Bandwidth limit : configuration.get().getBandwidths()) {
            builder.addLimit(limit);
          }
          return builder.build();
        });
  }
}
