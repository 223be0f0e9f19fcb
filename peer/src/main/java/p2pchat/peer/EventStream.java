package p2pchat.peer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's events, numbered from 1 in the order published, handed to every subscriber in that
 * order, and the last {@code capacity} of them kept for subscribers that come late or come back (a
 * page that reloads). {@link #publish}, {@link #after} and {@link #subscribe} run on the node's
 * actor only, so that a subscription starts exactly after the events it replayed: no gap, no
 * duplicate. {@link Subscription#close} may be called from any thread.
 */
final class EventStream {
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

  /** How many events a node keeps for late subscribers. */
  static final int CAPACITY = 10_000;

  private final Clock clock;
  private final NodeEvent.Stamped[] ring; // event seq at index seq % length; actor only
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private long last; // the last seq published; actor only

  /** Keeps the last {@code capacity} events, stamped with times from {@code clock}. */
  EventStream(int capacity, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    this.clock = clock;
    this.ring = new NodeEvent.Stamped[capacity];
  }

  /** Numbers and stamps {@code event}, keeps it, and hands it to every subscriber. */
  NodeEvent.Stamped publish(NodeEvent event) {
    NodeEvent.Stamped stamped = new NodeEvent.Stamped(++last, clock.instant(), event);
    ring[(int) (stamped.seq() % ring.length)] = stamped;
    for (Listener l : listeners) {
      l.deliver(stamped);
    }
    return stamped;
  }

  /** The number of the last event published (0 before the first). */
  long last() {
    return last;
  }

  /**
   * The events after {@code seq}; {@link EventReplay.Gone} if some have left the buffer, or if
   * {@code seq} is past the last event (a number from an earlier run of the node).
   */
  EventReplay after(long seq) {
    long oldest = Math.max(1, last - ring.length + 1);
    if (seq < oldest - 1 || seq > last) {
      return new EventReplay.Gone(oldest);
    }
    List<NodeEvent.Stamped> events = new ArrayList<>((int) (last - seq));
    for (long s = seq + 1; s <= last; s++) {
      events.add(ring[(int) (s % ring.length)]);
    }
    return new EventReplay.Events(events);
  }

  /**
   * Subscribes {@code listener}: first the events after {@code afterSeq} (all still held, if some
   * are gone), then every event published from now on. A negative {@code afterSeq} means from now.
   */
  Subscription subscribe(long afterSeq, Consumer<NodeEvent.Stamped> listener) {
    EventReplay replay = afterSeq < 0 ? new EventReplay.Events(List.of()) : after(afterSeq);
    Listener l = new Listener(listener, replay);
    List<NodeEvent.Stamped> first =
        switch (replay) {
          case EventReplay.Events e -> e.events();
          case EventReplay.Gone g -> ((EventReplay.Events) after(g.oldestAvailable() - 1)).events();
        };
    first.forEach(l::deliver);
    listeners.add(l);
    return l;
  }

  /** How many subscribers there are now. */
  int subscribers() {
    return listeners.size();
  }

  private final class Listener implements Subscription {
    private final Consumer<NodeEvent.Stamped> listener;
    private final EventReplay replayed;
    private volatile boolean closed;

    Listener(Consumer<NodeEvent.Stamped> listener, EventReplay replayed) {
      this.listener = listener;
      this.replayed = replayed;
    }

    void deliver(NodeEvent.Stamped event) {
      if (closed) {
        return;
      }
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("an event listener failed on {}", event, e);
      }
    }

    @Override
    public EventReplay replayed() {
      return replayed;
    }

    @Override
    public void close() {
      closed = true;
      listeners.remove(this);
    }
  }
}
