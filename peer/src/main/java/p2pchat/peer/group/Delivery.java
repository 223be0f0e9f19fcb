package p2pchat.peer.group;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import p2pchat.peer.net.LinkPool;
import p2pchat.peer.net.PeerLink;
import p2pchat.protocol.message.PeerMessage.GroupMessage;

/**
 * Group messages on their way to each member, in order. A member that cannot be reached keeps its
 * queue until it is back (a link from it comes up, or the registry says it is online), and a
 * message whose write failed goes back into the queue in its place: it may then arrive twice, which
 * receivers are built to show once. Touched only on the node's actor thread.
 */
final class Delivery {
  /** Most messages waiting for one member; beyond it the oldest are dropped (a gap there). */
  static final int MAX_WAITING = 10_000;

  /**
   * How long after a failed dial a new message does not dial again (a link up or presence does).
   */
  private static final long RETRY_MILLIS = 5_000;

  private static final class Queue {
    final TreeMap<Long, GroupMessage> messages = new TreeMap<>();
    long next;
    boolean dialing;
    long quietUntil;
  }

  private final LinkPool links;
  private final Executor actor;
  private final Map<String, Queue> queues = new HashMap<>();

  Delivery(LinkPool links, Executor actor) {
    this.links = links;
    this.actor = actor;
  }

  /** Queues {@code message} for {@code member} and sends what can be sent. */
  void send(String member, GroupMessage message) {
    Queue q = queues.computeIfAbsent(key(member), k -> new Queue());
    q.messages.put(q.next++, message);
    while (q.messages.size() > MAX_WAITING) {
      q.messages.pollFirstEntry();
    }
    flush(member, false);
  }

  /** {@code member} is reachable again (or may be): sends its queue now. */
  void retry(String member) {
    Queue q = queues.get(key(member));
    if (q != null) {
      q.quietUntil = 0;
      flush(member, true);
    }
  }

  /** How many messages wait for {@code member}. */
  int waiting(String member) {
    Queue q = queues.get(key(member));
    return q == null ? 0 : q.messages.size();
  }

  private void flush(String member, boolean now) {
    Queue q = queues.get(key(member));
    if (q == null || q.dialing || q.messages.isEmpty()) {
      return;
    }
    if (!now && System.currentTimeMillis() < q.quietUntil && links.open(member).isEmpty()) {
      return;
    }
    q.dialing = true;
    links.withLink(
        member,
        link -> {
          q.dialing = false;
          q.quietUntil = 0;
          write(member, q, link);
        },
        why -> {
          q.dialing = false;
          q.quietUntil = System.currentTimeMillis() + RETRY_MILLIS;
        });
  }

  private void write(String member, Queue q, PeerLink link) {
    while (!q.messages.isEmpty()) {
      Map.Entry<Long, GroupMessage> entry = q.messages.pollFirstEntry();
      link.write(entry.getValue())
          .whenCompleteAsync(
              (ok, error) -> {
                if (error != null) {
                  q.messages.put(entry.getKey(), entry.getValue());
                  flush(member, false);
                }
              },
              actor);
    }
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
