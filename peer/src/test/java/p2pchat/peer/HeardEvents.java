package p2pchat.peer;

import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * A listener that keeps every event a node told it, in order, with the thread it was told on and
 * whether that thread belongs to Netty (an event loop), for tests of where events are delivered.
 */
final class HeardEvents implements Consumer<NodeEvent> {
  /** One event and where it was heard. */
  record Heard(NodeEvent event, String thread, boolean onNettyThread) {}

  private final List<Heard> heard = Collections.synchronizedList(new ArrayList<>());
  private volatile Consumer<NodeEvent> also = e -> {};

  @Override
  public void accept(NodeEvent event) {
    Thread t = Thread.currentThread();
    boolean netty =
        t instanceof FastThreadLocalThread || ThreadExecutorMap.currentExecutor() != null;
    heard.add(new Heard(event, t.getName(), netty));
    also.accept(event);
  }

  /** Runs {@code reaction} on each event from now on, after recording it, on the same thread. */
  void react(Consumer<NodeEvent> reaction) {
    also = reaction;
  }

  /** Everything heard so far. */
  List<Heard> all() {
    synchronized (heard) {
      return List.copyOf(heard);
    }
  }

  /** The texts received from {@code from} so far, in order. */
  List<String> textsFrom(String from) {
    return all().stream()
        .map(Heard::event)
        .filter(e -> e instanceof NodeEvent.MessageReceived m && m.from().equalsIgnoreCase(from))
        .map(e -> ((NodeEvent.MessageReceived) e).text())
        .toList();
  }
}
