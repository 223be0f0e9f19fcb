package p2pchat.registry.client;

import p2pchat.protocol.message.RegistryMessage.PresenceChange;
import p2pchat.protocol.message.RegistryMessage.SessionEnded;

/** What a registry tells a peer unasked. Called on the connection's network thread. */
public interface RegistryListener {
  /** Someone joined or left the online list. */
  default void presenceChanged(PresenceChange change) {}

  /** The registry ended this session, saying why (timed out, logged in elsewhere, kicked). */
  default void sessionEnded(SessionEnded.Why why, String text) {}

  /**
   * The connection to the registry closed: one that connecting returned (a connection that failed
   * to open is told by the exception connecting throws, never here).
   */
  default void disconnected() {}

  /** A listener that ignores everything. */
  RegistryListener NONE = new RegistryListener() {};
}
