package p2pchat.peer;

/** A listener's place in a node's event stream; closing it stops its events. */
public interface Subscription extends AutoCloseable {
  /**
   * What was replayed when it started: {@link EventReplay.Events} with the events handed to the
   * listener first (empty when it started from now), or {@link EventReplay.Gone} when some it asked
   * for had left the buffer (it then got every event still held, from the oldest).
   */
  EventReplay replayed();

  /** No event reaches the listener after this returns (but one being delivered just now). */
  @Override
  void close();
}
