package org.linli.accessibility.sms;

import java.util.List;

/**
 * A text cut into SMS segments. Joining the segments gives back the text exactly.
 *
 * @param segments the parts, each within the limit of {@code encoding}
 * @param encoding the alphabet the whole message is sent in
 */
public record Segmentation(List<String> segments, SmsEncoding encoding) {
  public Segmentation {
    segments = List.copyOf(segments);
  }

  /** How many messages the carrier bills. */
  public int count() {
    return segments.size();
  }

  /** The whole text again. */
  public String text() {
    return String.join("", segments);
  }
}
