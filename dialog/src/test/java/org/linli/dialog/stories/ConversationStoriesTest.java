package org.linli.dialog.stories;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.linli.dialog.Action;
import org.linli.dialog.Channel;
import org.linli.dialog.DialogueEngine;
import org.linli.dialog.DialogueState;
import org.linli.dialog.Messages;
import org.linli.dialog.PolicyDialogueEngine;
import org.linli.dialog.Reply;
import org.linli.dialog.TurnResult;
import org.linli.dialog.nlu.Nlu;
import org.linli.knowledge.DocumentLoader;
import org.linli.knowledge.KnowledgeBase;

/**
 * Scripted conversations in {@code stories/*.story}, each played turn by turn against the real
 * engine, intent model and demo knowledge base. The format is meant to be read and written by
 * dialogue designers; see {@code README.story} in that folder.
 */
class ConversationStoriesTest {

  static final Path STORIES = Path.of("src/test/resources/org/linli/dialog/stories");
  static final Path DEMO_KB = Path.of("../knowledge/src/main/resources/linli/kb");
  static final Clock TODAY =
      Clock.fixed(Instant.parse("2026-11-23T02:00:00Z"), ZoneId.of("Asia/Shanghai"));

  static final KnowledgeBase KB;
  static final DialogueEngine ENGINE;

  static {
    KB = KnowledgeBase.build(DocumentLoader.loadDirectory(DEMO_KB), TODAY);
    ENGINE = new PolicyDialogueEngine(KB, new Nlu(), new Messages());
  }

  @TestFactory
  Stream<DynamicTest> everyStoryPlaysAsWritten() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(STORIES)) {
      files = s.filter(p -> p.toString().endsWith(".story")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : files) {
      for (Story story : Story.parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8))) {
        tests.add(DynamicTest.dynamicTest(file.getFileName() + ": " + story.title(), () -> play(story)));
      }
    }
    return tests.stream();
  }

  static void play(Story story) {
    DialogueState state = DialogueState.EMPTY;
    TurnResult last = null;
    for (Story.Step step : story.steps()) {
      switch (step) {
        case Story.Step.Set set -> state = state.with(set.slot(), set.value());
        case Story.Step.Say say ->
            last = ENGINE.turn(state, new DialogueEngine.Turn(story.channel(), say.text(), null));
        case Story.Step.Expect expect -> check(story, expect, last);
      }
      if (step instanceof Story.Step.Say && last != null) {
        state = last.state();
      }
    }
  }

  static void check(Story story, Story.Step.Expect e, TurnResult r) {
    String where = story.file() + ":" + e.line() + " (" + e.what() + " " + e.argument() + ")";
    assertThat(r).as(where + ": no turn before this expectation").isNotNull();
    List<Reply> replies = r.replies();
    String allText = String.join(" | ", replies.stream().map(Reply::text).toList());
    String arg = e.argument();
    switch (e.what()) {
      case "intent" -> assertThat(r.intent()).as(where + " text: " + allText).isEqualTo(arg);
      case "says" -> assertThat(allText).as(where).contains(arg);
      case "not says" -> assertThat(allText).as(where).doesNotContain(arg);
      case "source" ->
          assertThat(replies.stream().flatMap(x -> x.sources().stream()).map(Reply.Source::docId))
              .as(where + " text: " + allText)
              .contains(arg);
      case "any source" ->
          assertThat(replies.stream().flatMap(x -> x.sources().stream()))
              .as(where + " text: " + allText)
              .isNotEmpty();
      case "no source" ->
          assertThat(replies.stream().flatMap(x -> x.sources().stream()))
              .as(where + " text: " + allText)
              .isEmpty();
      case "option" ->
          assertThat(replies.stream().flatMap(x -> x.options().stream()).map(Reply.Option::label))
              .as(where + " text: " + allText)
              .contains(arg);
      case "needs person" ->
          assertThat(replies.stream().anyMatch(Reply::needsPerson)).as(where).isTrue();
      case "lang" -> assertThat(r.lang().code()).as(where).isEqualTo(arg);
      case "no action" -> assertThat(r.actions()).as(where).isEmpty();
      case "action" -> assertThat(r.actions().stream().map(ConversationStoriesTest::describe))
          .as(where + " text: " + allText)
          .anyMatch(d -> d.startsWith(arg));
      case "state" -> {
        String[] kv = arg.split("=", 2);
        assertThat(r.state().get(kv[0]).orElse("")).as(where).isEqualTo(kv.length > 1 ? kv[1] : "");
      }
      default -> throw new IllegalArgumentException(where + ": unknown expectation");
    }
  }

  /** "escalate lift 1", "lookup-status 123456", "rate 123456 5", "close". */
  static String describe(Action a) {
    return switch (a) {
      case Action.Escalate x -> "escalate " + x.category() + " " + x.priority();
      case Action.LookupStatus x -> "lookup-status" + (x.ticketNumber() == null ? "" : " " + x.ticketNumber());
      case Action.Rate x -> "rate " + x.ticketNumber() + " " + x.score() + (x.comment() == null ? "" : " " + x.comment());
      case Action.Close x -> "close";
    };
  }

  static Channel channel(String code) {
    return Channel.fromCode(code).orElseThrow(() -> new IllegalArgumentException("channel " + code));
  }
}
