package org.linli.dialog;

import java.util.List;

/**
 * One channel-neutral reply part. The accessibility module renders it for a channel and a person.
 *
 * @param needsPerson the assistant could not help and a person should take over
 */
public record Reply(String text, List<Source> sources, List<Option> options, boolean needsPerson) {

  public Reply {
    sources = List.copyOf(sources == null ? List.of() : sources);
    options = List.copyOf(options == null ? List.of() : options);
  }

  public static Reply text(String text) {
    return new Reply(text, List.of(), List.of(), false);
  }

  /** The policy document an answer comes from. */
  public record Source(String docId, String title) {}

  /**
   * A choice the resident can make; {@code value} is what the channel sends back when it is chosen
   * (the text of a button, or a digit on SMS and voice).
   */
  public record Option(String label, String value) {}
}
