package p2pchat.peer;

import java.util.List;

/** The events after a sequence number: all of them, or word that some have left the buffer. */
public sealed interface EventReplay {
  /** Every event after the number asked for, oldest first (empty when there is none yet). */
  record Events(List<NodeEvent.Stamped> events) implements EventReplay {
    public Events {
      events = List.copyOf(events);
    }
  }

  /**
   * Some events after the number asked for are no longer held (or the number is not one of this
   * run's): the oldest held now is {@code oldestAvailable}. A client that must not miss anything
   * reads the state again through the node's queries.
   */
  record Gone(long oldestAvailable) implements EventReplay {}
}
