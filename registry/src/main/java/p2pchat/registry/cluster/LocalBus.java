package p2pchat.registry.cluster;

import java.util.Optional;
import p2pchat.protocol.message.RegistryMessage.PresenceChange;
import p2pchat.protocol.message.RegistryMessage.SessionEnded;
import p2pchat.registry.session.Directory;
import p2pchat.registry.session.Session;

/**
 * The bus of a registry that runs alone: every announcement goes straight to the sessions of its
 * {@link Directory}, in a loop on the caller's thread (one message object shared by all).
 */
public final class LocalBus implements Bus {
  private final Directory directory;

  /** A bus to the sessions of {@code directory}. */
  public LocalBus(Directory directory) {
    this.directory = directory;
  }

  @Override
  public void announce(PresenceChange change, Session except) {
    for (Session s : directory.all()) {
      if (s != except) {
        s.handle().send(change);
      }
    }
  }

  @Override
  public boolean end(String name, PresenceChange.Reason reason, String note, SessionEnded ended) {
    Optional<Session> session = directory.find(name);
    session.ifPresent(s -> s.end(reason, note, ended));
    return session.isPresent();
  }
}
