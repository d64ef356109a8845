package org.linli.dialog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The last reply, kept in the state so that "repeat" (or *) says it again exactly. */
final class LastReply {

  // Unit and record separators never occur in what residents or documents say.
  private static final String FIELD = "\u001f";
  private static final String RECORD = "\u001e";

  static DialogueState write(DialogueState state, Reply reply) {
    return state
        .with(Slots.LAST_TEXT, reply.text())
        .with(Slots.LAST_SOURCES, join(reply.sources().stream().map(s -> s.docId() + FIELD + s.title()).toList()))
        .with(Slots.LAST_OPTIONS, join(reply.options().stream().map(o -> o.label() + FIELD + o.value()).toList()));
  }

  static Optional<Reply> read(DialogueState state) {
    return state
        .get(Slots.LAST_TEXT)
        .map(
            text -> {
              List<Reply.Source> sources = new ArrayList<>();
              for (String[] pair : split(state.get(Slots.LAST_SOURCES).orElse(""))) {
                sources.add(new Reply.Source(pair[0], pair[1]));
              }
              List<Reply.Option> options = new ArrayList<>();
              for (String[] pair : split(state.get(Slots.LAST_OPTIONS).orElse(""))) {
                options.add(new Reply.Option(pair[0], pair[1]));
              }
              return new Reply(text, sources, options, false);
            });
  }

  private static String join(List<String> records) {
    return records.isEmpty() ? null : String.join(RECORD, records);
  }

  private static List<String[]> split(String joined) {
    List<String[]> out = new ArrayList<>();
    if (joined.isEmpty()) {
      return out;
    }
    for (String record : joined.split(RECORD)) {
      String[] pair = record.split(FIELD, 2);
      if (pair.length == 2) {
        out.add(pair);
      }
    }
    return out;
  }

  private LastReply() {}
}
