package p2pchat.registry.service;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.protocol.Limits;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.protocol.message.RegistryMessage.PresenceChange;
import p2pchat.protocol.message.RegistryMessage.PresenceChange.Change;
import p2pchat.protocol.message.RegistryMessage.PresenceChange.Reason;
import p2pchat.protocol.message.RegistryMessage.SessionEnded;
import p2pchat.registry.cluster.Bus;
import p2pchat.registry.session.Directory;
import p2pchat.registry.session.Session;
import p2pchat.registry.session.SessionHandle;

/**
 * Who is online and who is told: sessions start and end here, joins and leaves are announced on the
 * {@link Bus}, and the online list and lookups read the {@link Directory}. Every method is a plain
 * call on the caller's thread that does not block.
 */
public final class Presence {
  private static final Logger LOG = LoggerFactory.getLogger(Presence.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Directory directory;
  private final Bus bus;
  private final Duration heartbeatTimeout;

  /** Presence over {@code directory}, announced on {@code bus}. */
  public Presence(Directory directory, Bus bus, Duration heartbeatTimeout) {
    this.directory = directory;
    this.bus = bus;
    this.heartbeatTimeout = heartbeatTimeout;
  }

  /**
   * Starts session {@code id} of {@code name}, dialable at {@code host:listenPort} with {@code
   * peerId}, and ends the session it replaces (the same account logged in elsewhere). Its joining
   * is announced by {@link #joined}, once the client has its answer.
   */
  public Session start(
      long id,
      SessionHandle handle,
      String name,
      String host,
      int remotePort,
      int listenPort,
      PeerId peerId,
      boolean visible) {
    byte[] helloKey = new byte[Limits.HELLO_KEY_BYTES];
    RANDOM.nextBytes(helloKey);
    PeerInfo info = new PeerInfo(name, host, listenPort, peerId, Instant.now());
    Session session = new Session(id, handle, remotePort, name, info, helloKey, visible);
    directory
        .add(session)
        .ifPresent(
            old ->
                old.handle()
                    .end(
                        new SessionEnded(
                            SessionEnded.Why.REPLACED,
                            name + " logged in again from " + host + "; this session is closed")));
    return session;
  }

  /** Announces that {@code session} logged in, if it shows. */
  public void joined(Session session) {
    if (session.visible()) {
      announce(session, Change.JOINED, Reason.LOGIN, "");
    }
  }

  /**
   * Removes {@code session} (its connection closed) and announces it left, for the reason it was
   * given, unless it was replaced or did not show.
   */
  public void left(Session session) {
    if (directory.remove(session) && session.visible()) {
      announce(session, Change.LEFT, session.endReason(), session.endNote());
    }
  }

  /** Notes that {@code session} ends by logging out, for the announcement when it closes. */
  public void loggingOut(Session session) {
    session.endReason(Reason.LOGOUT);
  }

  /** Shows or hides {@code session}, announcing it as a join or a leave if that changes. */
  public void setVisible(Session session, boolean visible) {
    if (session.visible() == visible) {
      return;
    }
    if (visible) {
      session.visible(true);
      announce(session, Change.JOINED, Reason.LOGIN, "");
    } else {
      announce(session, Change.LEFT, Reason.LOGOUT, "");
      session.visible(false);
    }
  }

  /** The online list as {@code viewer} sees it: every visible session but the viewer's own. */
  public List<PeerInfo> onlineFor(Session viewer) {
    return directory.visibleTo(viewer);
  }

  /** Where {@code name} can be dialed, if that user is online and visible. */
  public Optional<PeerInfo> lookup(String name) {
    return directory.findVisibleInfo(name);
  }

  /** Every logged-in session, visible or not. */
  public Collection<Session> all() {
    return directory.all();
  }

  /** How many sessions are logged in. */
  public int size() {
    return directory.size();
  }

  /** Ends every session not heard from for the heartbeat timeout, as of {@code nowNanos}. */
  public void expire(long nowNanos) {
    long timeoutNanos = heartbeatTimeout.toNanos();
    for (Session s : directory.all()) {
      if (nowNanos - s.lastSeenNanos() > timeoutNanos && s.handle().isOpen()) {
        LOG.info(
            "session={} user={} timed out: no heartbeat for {}",
            s.idText(),
            s.name(),
            heartbeatTimeout);
        s.endReason(Reason.TIMED_OUT);
        s.handle()
            .end(
                new SessionEnded(
                    SessionEnded.Why.TIMED_OUT,
                    "no heartbeat for " + heartbeatTimeout.toSeconds() + " s; log in again"));
      }
    }
  }

  /** Tells every session that the registry is shutting down, and closes it. */
  public void shutdown() {
    SessionEnded shutdown =
        new SessionEnded(SessionEnded.Why.SHUTDOWN, "the registry is shutting down");
    for (Session s : directory.all()) {
      s.endReason(Reason.DISCONNECTED);
      s.handle().end(shutdown);
    }
  }

  private void announce(Session subject, Change change, Reason reason, String note) {
    bus.announce(new PresenceChange(change, reason, subject.info(), note), subject);
  }
}
