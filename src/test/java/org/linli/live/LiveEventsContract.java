package org.linli.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.linli.handoff.TicketEvent;
import org.linli.handoff.TicketStatus;

/**
 * What every transport of live events between nodes must do: a change on one node reaches the
 * consoles of the other, once and in order, and carries no personal text over the wire. A subclass
 * starts {@link #nodeA} and {@link #nodeB} on its transport before each test and stops them after.
 */
abstract class LiveEventsContract<N extends LiveEvents> {

  /** The two nodes, started by the subclass before each test on the same transport and channel. */
  N nodeA;

  N nodeB;

  /**
   * Checks what went over the wire for the event {@code number}, for a transport whose wire a test
   * can listen to; the contract itself already checks what the other node received.
   */
  void wireCarriedNoPersonalText(String number) {}

  static TicketEvent claimed(String number) {
    return new TicketEvent(
        number, "conv-1", "civil_affairs", "message", TicketStatus.IN_PROGRESS, "wang", "王芳", "您好，已为您登记");
  }

  @Test
  void aConsoleOnOneNodeSeesAWorkOrderChangeMadeOnTheOther() {
    List<TicketEvent> seenOnB = new CopyOnWriteArrayList<>();
    List<TicketEvent> seenOnA = new CopyOnWriteArrayList<>();
    nodeB.subscribe(LiveEvents.TICKETS, e -> seenOnB.add((TicketEvent) e), null);
    nodeA.subscribe(LiveEvents.TICKETS, e -> seenOnA.add((TicketEvent) e), null);

    nodeA.publish(LiveEvents.TICKETS, claimed("GD-1"));

    await().atMost(Duration.ofSeconds(20)).until(() -> seenOnB.size() == 1);
    TicketEvent remote = seenOnB.getFirst();
    assertThat(remote.number()).isEqualTo("GD-1");
    assertThat(remote.status()).isEqualTo(TicketStatus.IN_PROGRESS);
    assertThat(remote.department()).isEqualTo("civil_affairs");
    assertThat(remote.actor()).isEqualTo("wang");
    // ids and codes only travel between nodes: never the reply's text nor a person's name
    assertThat(remote.text()).isNull();
    assertThat(remote.actorName()).isNull();
    wireCarriedNoPersonalText("GD-1");
    // the publishing node's own consoles get the full event once, not a second copy from the wire
    assertThat(seenOnA).hasSize(1);
    assertThat(seenOnA.getFirst().text()).isEqualTo("您好，已为您登记");
  }

  @Test
  void changesMadeOnBothNodesReachEachOtherInTheOrderTheyWereMade() {
    List<String> seenOnA = new CopyOnWriteArrayList<>();
    List<String> seenOnB = new CopyOnWriteArrayList<>();
    nodeA.subscribe(LiveEvents.TICKETS, e -> seenOnA.add(((TicketEvent) e).number()), null);
    nodeB.subscribe(LiveEvents.TICKETS, e -> seenOnB.add(((TicketEvent) e).number()), null);

    for (int i = 0; i < 20; i++) {
      nodeA.publish(LiveEvents.TICKETS, claimed("A-" + i));
      nodeB.publish(LiveEvents.TICKETS, claimed("B-" + i));
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> seenOnA.size() == 40 && seenOnB.size() == 40);
    assertThat(seenOnB.stream().filter(n -> n.startsWith("A-")).toList())
        .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "A-" + i).toList());
    assertThat(seenOnA.stream().filter(n -> n.startsWith("B-")).toList())
        .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "B-" + i).toList());
  }
}
