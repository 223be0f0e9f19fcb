package p2pchat.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import p2pchat.peer.NodeEvent.Code;

/** The event stream alone: numbering, fan-out, closing, and replay from its bounded buffer. */
class EventStreamTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  private final EventStream stream = new EventStream(3, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void eventsAreNumberedFromOneAndStampedWithTheClock() {
    NodeEvent.Stamped first = stream.publish(notice(1));
    NodeEvent.Stamped second = stream.publish(notice(2));

    assertThat(first).isEqualTo(new NodeEvent.Stamped(1, NOW, notice(1)));
    assertThat(second).isEqualTo(new NodeEvent.Stamped(2, NOW, notice(2)));
    assertThat(stream.last()).isEqualTo(2);
  }

  @Test
  void twoSubscribersGetTheSameEventsInTheSameOrder() {
    List<NodeEvent.Stamped> a = new ArrayList<>();
    List<NodeEvent.Stamped> b = new ArrayList<>();
    stream.subscribe(-1, a::add);
    stream.subscribe(-1, b::add);

    for (int i = 1; i <= 5; i++) {
      stream.publish(notice(i));
    }

    assertThat(a).extracting(NodeEvent.Stamped::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(a).extracting(NodeEvent.Stamped::event).containsExactly(notices(1, 5));
    assertThat(b).isEqualTo(a);
  }

  @Test
  void aClosedSubscriptionGetsNothingMore() {
    List<NodeEvent.Stamped> a = new ArrayList<>();
    List<NodeEvent.Stamped> b = new ArrayList<>();
    Subscription closing = stream.subscribe(-1, a::add);
    stream.subscribe(-1, b::add);
    stream.publish(notice(1));

    closing.close();
    stream.publish(notice(2));

    assertThat(a).extracting(NodeEvent.Stamped::seq).containsExactly(1L);
    assertThat(b).extracting(NodeEvent.Stamped::seq).containsExactly(1L, 2L);
    assertThat(stream.subscribers()).isEqualTo(1);
  }

  @Test
  void aListenerThatThrowsDoesNotStopTheOthers() {
    List<NodeEvent.Stamped> b = new ArrayList<>();
    stream.subscribe(
        -1,
        e -> {
          throw new IllegalStateException("a broken listener");
        });
    stream.subscribe(-1, b::add);

    stream.publish(notice(1));

    assertThat(b).hasSize(1);
  }

  @Test
  void theEventsAfterANumberAreExactlyTheOnesThatFollowIt() {
    stream.publish(notice(1));
    stream.publish(notice(2));
    stream.publish(notice(3));

    assertThat(events(stream.after(1))).containsExactly(2L, 3L);
    assertThat(events(stream.after(0))).containsExactly(1L, 2L, 3L);
    assertThat(events(stream.after(3))).isEmpty();
  }

  @Test
  void eventsThatLeftTheBufferAreGoneWithTheOldestStillHeld() {
    for (int i = 1; i <= 5; i++) {
      stream.publish(notice(i)); // holds 3, 4, 5
    }

    assertThat(stream.after(1)).isEqualTo(new EventReplay.Gone(3));
    assertThat(stream.after(0)).isEqualTo(new EventReplay.Gone(3));
    assertThat(events(stream.after(2))).containsExactly(3L, 4L, 5L);
    assertThat(((EventReplay.Events) stream.after(2)).events())
        .extracting(NodeEvent.Stamped::event)
        .containsExactly(notices(3, 5));
  }

  @Test
  void aNumberPastTheLastEventIsFromAnotherRunAndSoGone() {
    stream.publish(notice(1));

    assertThat(stream.after(7)).isEqualTo(new EventReplay.Gone(1));
  }

  @Test
  void aSubscriptionAfterANumberReplaysTheRestThenGoesOnWithNoGapOrDuplicate() {
    stream.publish(notice(1));
    stream.publish(notice(2));
    List<NodeEvent.Stamped> late = new ArrayList<>();

    Subscription s = stream.subscribe(1, late::add);
    stream.publish(notice(3));

    assertThat(late).extracting(NodeEvent.Stamped::seq).containsExactly(2L, 3L);
    assertThat(events(s.replayed())).containsExactly(2L);
  }

  @Test
  void aSubscriptionAfterANumberThatIsGoneSaysSoAndGetsEverythingStillHeld() {
    for (int i = 1; i <= 5; i++) {
      stream.publish(notice(i));
    }
    List<NodeEvent.Stamped> late = new ArrayList<>();

    Subscription s = stream.subscribe(1, late::add);
    stream.publish(notice(6));

    assertThat(s.replayed()).isEqualTo(new EventReplay.Gone(3));
    assertThat(late).extracting(NodeEvent.Stamped::seq).containsExactly(3L, 4L, 5L, 6L);
  }

  private static List<Long> events(EventReplay replay) {
    assertThat(replay).isInstanceOf(EventReplay.Events.class);
    return ((EventReplay.Events) replay).events().stream().map(NodeEvent.Stamped::seq).toList();
  }

  private static NodeEvent notice(int i) {
    return new NodeEvent.Notice(Code.VISIBILITY, "notice " + i);
  }

  private static NodeEvent[] notices(int from, int to) {
    return LongStream.rangeClosed(from, to)
        .mapToObj(i -> notice((int) i))
        .toArray(NodeEvent[]::new);
  }
}
