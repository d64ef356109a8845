package org.linli.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.linli.channels.RequestArrival;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class TurnAdmissionFilterTest {

  @Test
  void moreResidentsThanTheLimitAreAllAnsweredButNeverMoreThanTheLimitRunAtOnce() throws Exception {
    TurnAdmissionFilter filter = new TurnAdmissionFilter(3);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger mostInside = new AtomicInteger();
    FilterChain turn =
        (req, res) -> {
          mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          inside.decrementAndGet();
          ((MockHttpServletResponse) res).setStatus(200);
        };
    try (ExecutorService residents = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<MockHttpServletResponse>> answers = new CopyOnWriteArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(residents.submit(() -> post(filter, turn)));
      }
      await().atMost(10, TimeUnit.SECONDS).until(() -> filter.running() == 3 && filter.waiting() == 5);
      release.countDown();
      for (Future<MockHttpServletResponse> answer : answers) {
        assertThat(answer.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
      }
    }
    assertThat(mostInside.get()).isEqualTo(3);
    assertThat(filter.running()).isZero();
    assertThat(filter.waiting()).isZero();
  }

  @Test
  void waitingTurnsRunInTheOrderTheyArrived() throws Exception {
    TurnAdmissionFilter filter = new TurnAdmissionFilter(1);
    CountDownLatch firstMayFinish = new CountDownLatch(1);
    List<String> order = new CopyOnWriteArrayList<>();
    try (ExecutorService residents = Executors.newVirtualThreadPerTaskExecutor()) {
      residents.submit(() -> post(filter, (req, res) -> {
        order.add("first");
        hold(firstMayFinish);
      }));
      await().atMost(10, TimeUnit.SECONDS).until(() -> filter.running() == 1);
      for (String name : List.of("second", "third", "fourth")) {
        int queued = filter.waiting();
        residents.submit(() -> post(filter, (req, res) -> order.add(name)));
        await().atMost(10, TimeUnit.SECONDS).until(() -> filter.waiting() == queued + 1);
      }
      firstMayFinish.countDown();
    }
    assertThat(order).containsExactly("first", "second", "third", "fourth");
  }

  @Test
  void aTurnKnowsHowLongItWaitedInTheQueue() throws Exception {
    TurnAdmissionFilter filter = new TurnAdmissionFilter(1);
    CountDownLatch firstMayFinish = new CountDownLatch(1);
    AtomicLong waitedNanos = new AtomicLong(-1);
    long confirmedQueued;
    long released;
    try (ExecutorService residents = Executors.newVirtualThreadPerTaskExecutor()) {
      residents.submit(() -> post(filter, (req, res) -> hold(firstMayFinish)));
      await().atMost(10, TimeUnit.SECONDS).until(() -> filter.running() == 1);
      residents.submit(
          () ->
              post(
                  filter,
                  (req, res) ->
                      waitedNanos.set(
                          RequestArrival.waited((HttpServletRequest) req).toNanos())));
      await().atMost(10, TimeUnit.SECONDS).until(() -> filter.waiting() == 1);
      confirmedQueued = System.nanoTime();
      released = System.nanoTime();
      firstMayFinish.countDown();
    }
    // marked on arrival, before it queued: it waited at least from then until the first finished
    assertThat(waitedNanos.get()).isGreaterThanOrEqualTo(released - confirmedQueued).isPositive();
  }

  @Test
  void aFailingTurnGivesItsPlaceToTheNext() throws Exception {
    TurnAdmissionFilter filter = new TurnAdmissionFilter(1);
    assertThatThrownBy(() -> post(filter, (req, res) -> { throw new IllegalStateException("boom"); }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(post(filter, (req, res) -> ((MockHttpServletResponse) res).setStatus(200)).getStatus())
        .isEqualTo(200);
  }

  @Test
  void readsAreNotQueued() throws Exception {
    TurnAdmissionFilter filter = new TurnAdmissionFilter(1);
    CountDownLatch release = new CountDownLatch(1);
    try (ExecutorService residents = Executors.newVirtualThreadPerTaskExecutor()) {
      residents.submit(() -> post(filter, (req, res) -> hold(release)));
      await().atMost(10, TimeUnit.SECONDS).until(() -> filter.running() == 1);
      MockHttpServletRequest get = new MockHttpServletRequest("GET", "/channels/wechat");
      MockHttpServletResponse response = new MockHttpServletResponse();
      filter.doFilter(get, response, (req, res) -> ((MockHttpServletResponse) res).setStatus(200));
      assertThat(response.getStatus()).isEqualTo(200);
      release.countDown();
    }
  }

  @Test
  void aLimitBelowOneIsRefusedAtStart() {
    assertThatThrownBy(() -> new TurnAdmissionFilter(0))
        .hasMessageContaining("linli.http.concurrent-turns");
  }

  private static MockHttpServletResponse post(TurnAdmissionFilter filter, FilterChain turn)
      throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/chat/messages");
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, turn);
    return response;
  }

  private static void hold(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
