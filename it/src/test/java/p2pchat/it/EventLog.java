package p2pchat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import p2pchat.peer.NodeEvent;

/**
 * Everything one node told its user, in order, with waits for what a test expects next. Each wait
 * fails with the whole log, so a timeout says what happened instead.
 */
final class EventLog implements Consumer<NodeEvent> {
  /** How long a wait lasts before the test fails. */
  static final Duration WAIT = Duration.ofSeconds(15);

  private final String owner;
  private final List<NodeEvent> events = new CopyOnWriteArrayList<>();

  EventLog(String owner) {
    this.owner = owner;
  }

  @Override
  public void accept(NodeEvent event) {
    events.add(event);
  }

  /** Every event so far. */
  List<NodeEvent> all() {
    return List.copyOf(events);
  }

  /** The events of {@code type} so far. */
  <T extends NodeEvent> List<T> all(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Waits for an event equal to {@code expected}. */
  void awaitEvent(NodeEvent expected) {
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(events).as("%s's events", owner).contains(expected));
  }

  /** Waits for an event of {@code type} that {@code matching} accepts, and returns the first. */
  <T extends NodeEvent> T awaitEvent(Class<T> type, Predicate<? super T> matching) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(first(type, matching))
                    .as("%s: a %s that matches; the log is %s", owner, type.getSimpleName(), events)
                    .isPresent());
    return first(type, matching).orElseThrow();
  }

  /** Waits for the {@code n}th event (from 1) of {@code type}, and returns it. */
  <T extends NodeEvent> T awaitNth(Class<T> type, int n) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(all(type))
                    .as("%s: %d %s events; the log is %s", owner, n, type.getSimpleName(), events)
                    .hasSizeGreaterThanOrEqualTo(n));
    return all(type).get(n - 1);
  }

  /** Waits for a {@link NodeEvent.Failed}, and returns its sentence. */
  String awaitFailed() {
    return awaitEvent(NodeEvent.Failed.class, f -> true).text();
  }

  /** Waits for a {@link NodeEvent.Warning} containing {@code part}, and returns its sentence. */
  String awaitWarning(String part) {
    return awaitEvent(NodeEvent.Warning.class, w -> w.text().contains(part)).text();
  }

  /** The texts received from {@code from} so far, in order. */
  List<String> received(String from) {
    return all(NodeEvent.MessageReceived.class).stream()
        .filter(m -> m.from().equalsIgnoreCase(from))
        .map(NodeEvent.MessageReceived::text)
        .toList();
  }

  /** Waits until the texts received from {@code from} are exactly {@code texts}, in order. */
  void awaitReceived(String from, List<String> texts) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(received(from))
                    .as("%s: texts from %s", owner, from)
                    .hasSizeGreaterThanOrEqualTo(texts.size()));
    assertThat(received(from))
        .as("%s: texts from %s", owner, from)
        .containsExactlyElementsOf(texts);
  }

  /** Waits until the texts received from {@code from} are exactly {@code texts}, in order. */
  void awaitReceived(String from, String... texts) {
    awaitReceived(from, List.of(texts));
  }

  /** The texts received in {@code group} from {@code from} so far, in order. */
  List<String> groupTexts(String group, String from) {
    return all(NodeEvent.GroupMessage.class).stream()
        .filter(m -> m.group().equalsIgnoreCase(group) && m.from().equalsIgnoreCase(from))
        .map(NodeEvent.GroupMessage::text)
        .toList();
  }

  /**
   * Waits until the texts received in {@code group} from {@code from} are exactly {@code texts}, in
   * order.
   */
  void awaitGroupTexts(String group, String from, List<String> texts) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(groupTexts(group, from))
                    .as("%s: texts in #%s from %s; the log is %s", owner, group, from, events)
                    .hasSizeGreaterThanOrEqualTo(texts.size()));
    assertThat(groupTexts(group, from))
        .as("%s: texts in #%s from %s", owner, group, from)
        .containsExactlyElementsOf(texts);
  }

  /** The broadcast texts received from {@code from} so far, in order. */
  List<String> broadcasts(String from) {
    return all(NodeEvent.BroadcastReceived.class).stream()
        .filter(b -> b.from().equalsIgnoreCase(from))
        .map(NodeEvent.BroadcastReceived::text)
        .toList();
  }

  private <T extends NodeEvent> Optional<T> first(Class<T> type, Predicate<? super T> matching) {
    return all(type).stream().filter(matching).findFirst();
  }

  @Override
  public String toString() {
    return owner + "'s events " + events;
  }
}
