package p2pchat.registry.cluster;

import p2pchat.protocol.message.RegistryMessage.PresenceChange;
import p2pchat.protocol.message.RegistryMessage.SessionEnded;
import p2pchat.registry.session.Session;

/**
 * What one registry tells the sessions of all (presence changes, the end of a session an operator
 * ends). Calls return at once on the caller's thread; an implementation must not hand the local
 * fan-out to another thread, since presence is announced on the lookup path's event loops.
 */
public interface Bus {
  /** Delivers {@code change} to every logged-in session but {@code except} (null: to all). */
  void announce(PresenceChange change, Session except);

  /**
   * Ends the session of {@code name}, if one is logged in: it is sent {@code ended} and closed, and
   * its leaving is announced with {@code reason} and {@code note}. False if {@code name} is not
   * online.
   */
  boolean end(String name, PresenceChange.Reason reason, String note, SessionEnded ended);
}
