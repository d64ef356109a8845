package org.linli.dataprotection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param messageDays message text older than this many days is purged (anonymous counts stay)
 * @param interval how often the retention job runs
 */
@ConfigurationProperties("linli.retention")
public record RetentionProperties(int messageDays, Duration interval) {

  public RetentionProperties {
    messageDays = messageDays <= 0 ? 180 : messageDays;
    interval = interval == null ? Duration.ofHours(1) : interval;
  }
}
