package p2pchat.registry.session;

import p2pchat.protocol.message.RegistryMessage;
import p2pchat.protocol.message.RegistryMessage.SessionEnded;

/**
 * The way to a logged-in client, whatever carries it. Methods return at once and may be called on
 * any thread; what they send goes out in the order they were called.
 */
public interface SessionHandle {
  /** Sends {@code message} to the client now (not held back for a later flush). */
  void send(RegistryMessage message);

  /** Sends {@code ended}, then closes the connection. */
  void end(SessionEnded ended);

  /** Whether the connection is still open. */
  boolean isOpen();
}
