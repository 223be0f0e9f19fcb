package p2pchat.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * The event stream of a real node (two serverless friends chatting): every subscriber sees the same
 * numbered events in the same order, a closed subscription hears no more, a late subscriber gets
 * exactly what it missed, and events that left the buffer are reported gone.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class NodeEventsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private FriendNodes nodes;
  private Node alice;
  private Node bob;

  @AfterEach
  void close() {
    if (nodes != null) {
      nodes.close();
    }
  }

  private void start() throws Exception {
    nodes = new FriendNodes(dir, "alice", "bob");
    alice = nodes.start("alice", Duration.ofMinutes(5), e -> {});
    bob = nodes.start("bob", Duration.ofMinutes(5), e -> {});
  }

  @Test
  void twoSubscribersSeeTheSameEventsInTheSameOrder() throws Exception {
    start();
    List<NodeEvent.Stamped> first = new CopyOnWriteArrayList<>();
    List<NodeEvent.Stamped> second = new CopyOnWriteArrayList<>();
    bob.subscribe(first::add);
    bob.subscribe(second::add);

    texts(0, 50).forEach(t -> alice.send("bob", t));

    await().atMost(WAIT).until(() -> received(second).size() == 50);
    assertThat(received(first)).containsExactlyElementsOf(texts(0, 50));
    assertThat(second).isEqualTo(first);
    List<Long> seqs = first.stream().map(NodeEvent.Stamped::seq).toList();
    assertThat(seqs).isSorted().doesNotHaveDuplicates();
    assertThat(seqs.getLast() - seqs.getFirst()).isEqualTo(seqs.size() - 1); // no gap
  }

  @Test
  void aClosedSubscriptionHearsNoMore() throws Exception {
    start();
    List<NodeEvent.Stamped> closed = new CopyOnWriteArrayList<>();
    List<NodeEvent.Stamped> open = new CopyOnWriteArrayList<>();
    Subscription closing = bob.subscribe(closed::add);
    bob.subscribe(open::add);
    alice.send("bob", "before");
    await().atMost(WAIT).until(() -> received(closed).equals(List.of("before")));

    closing.close();
    alice.send("bob", "after");

    await().atMost(WAIT).until(() -> received(open).equals(List.of("before", "after")));
    assertThat(received(closed)).containsExactly("before");
  }

  @Test
  void aLateSubscriberGetsExactlyTheEventsItMissedThenTheRest() throws Exception {
    start();
    List<NodeEvent.Stamped> all = new CopyOnWriteArrayList<>();
    bob.subscribe(0, all::add);
    texts(0, 20).forEach(t -> alice.send("bob", t));
    await().atMost(WAIT).until(() -> received(all).size() == 20);
    long seenUpTo = all.get(all.size() / 2).seq();

    List<NodeEvent.Stamped> late = new CopyOnWriteArrayList<>();
    Subscription s = bob.subscribe(seenUpTo, late::add);
    texts(20, 10).forEach(t -> alice.send("bob", t));

    await().atMost(WAIT).until(() -> received(late).contains("text 29"));
    assertThat(late).isEqualTo(all.stream().filter(e -> e.seq() > seenUpTo).toList());
    assertThat(s.replayed()).isInstanceOf(EventReplay.Events.class);
    assertThat(((EventReplay.Events) s.replayed()).events().getFirst().seq())
        .isEqualTo(seenUpTo + 1);
    assertThat(bob.eventsAfter(seenUpTo))
        .isEqualTo(new EventReplay.Events(all.stream().filter(e -> e.seq() > seenUpTo).toList()));
  }

  @Test
  void eventsThatLeftTheBufferAreReportedGone() throws Exception {
    start();
    List<NodeEvent.Stamped> sent = new CopyOnWriteArrayList<>();
    alice.subscribe(
        e -> {
          if (e.event() instanceof NodeEvent.MessageSent) {
            sent.add(e);
          }
        });
    int count = EventStream.CAPACITY + 10;
    for (int i = 0; i < count; i++) {
      alice.send("bob", "text " + i);
    }
    await().atMost(WAIT).until(() -> sent.size() == count);

    long last = sent.getLast().seq();
    long oldest = last - EventStream.CAPACITY + 1;
    assertThat(alice.eventsAfter(0)).isEqualTo(new EventReplay.Gone(oldest));
    assertThat(alice.eventsAfter(last + 1)).isEqualTo(new EventReplay.Gone(oldest));
    assertThat(alice.eventsAfter(oldest - 1))
        .isInstanceOfSatisfying(
            EventReplay.Events.class, e -> assertThat(e.events()).hasSize(EventStream.CAPACITY));
  }

  @Test
  void aTextSentCarriesTheIdSendReturnedAndTheReceiverNumbersItsOwn() throws Exception {
    start();
    List<NodeEvent.Stamped> aliceEvents = new CopyOnWriteArrayList<>();
    List<NodeEvent.Stamped> bobEvents = new CopyOnWriteArrayList<>();
    alice.subscribe(aliceEvents::add);
    bob.subscribe(bobEvents::add);

    long one = alice.send("bob", "one");
    long two = alice.send("bob", "two");

    await().atMost(WAIT).until(() -> received(bobEvents).size() == 2);
    assertThat(one).isNotEqualTo(two);
    assertThat(aliceEvents.stream().map(NodeEvent.Stamped::event))
        .filteredOn(NodeEvent.MessageSent.class::isInstance)
        .map(e -> (NodeEvent.MessageSent) e)
        .extracting(NodeEvent.MessageSent::id, NodeEvent.MessageSent::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(one, "one"),
            org.assertj.core.groups.Tuple.tuple(two, "two"));
    assertThat(bobEvents.stream().map(NodeEvent.Stamped::event))
        .filteredOn(NodeEvent.MessageReceived.class::isInstance)
        .map(e -> ((NodeEvent.MessageReceived) e).id())
        .doesNotHaveDuplicates()
        .hasSize(2);
  }

  private static List<String> received(List<NodeEvent.Stamped> events) {
    return events.stream()
        .map(NodeEvent.Stamped::event)
        .filter(NodeEvent.MessageReceived.class::isInstance)
        .map(e -> ((NodeEvent.MessageReceived) e).text())
        .toList();
  }

  private static List<String> texts(int from, int count) {
    return IntStream.range(from, from + count).mapToObj(i -> "text " + i).toList();
  }
}
