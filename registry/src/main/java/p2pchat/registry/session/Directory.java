package p2pchat.registry.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import p2pchat.protocol.hello.HelloDatagram;
import p2pchat.protocol.message.PeerInfo;

/**
 * Who is online here: the logged-in sessions of this registry by name and by id. One session per
 * account: a new login of the same account replaces the old session. Thread-safe; reads take no
 * lock.
 */
public final class Directory {
  private final Map<String, Session> byName = new ConcurrentHashMap<>();
  private final Map<Long, Session> byId = new ConcurrentHashMap<>();

  /** Adds {@code session}, returning the session of the same account it replaces, if any. */
  public Optional<Session> add(Session session) {
    Session old = byName.put(key(session.name()), session);
    byId.put(session.id(), session);
    if (old != null) {
      byId.remove(old.id(), old);
    }
    return Optional.ofNullable(old);
  }

  /** Removes {@code session}; false if it was not there (already removed or replaced). */
  public boolean remove(Session session) {
    byId.remove(session.id(), session);
    return byName.remove(key(session.name()), session);
  }

  /** The session of {@code name}, visible or not, if that user is online. */
  public Optional<Session> find(String name) {
    return Optional.ofNullable(byName.get(key(name)));
  }

  /** Where {@code name} can be dialed, if that user is online and visible. */
  public Optional<PeerInfo> findVisibleInfo(String name) {
    Session s = byName.get(key(name));
    return s != null && s.visible() ? Optional.of(s.info()) : Optional.empty();
  }

  /** Every logged-in session, visible or not. */
  public Collection<Session> all() {
    return byName.values();
  }

  /** How many sessions are logged in. */
  public int size() {
    return byName.size();
  }

  /** The online list as {@code viewer} sees it: every visible session but the viewer's own. */
  public List<PeerInfo> visibleTo(Session viewer) {
    List<PeerInfo> list = new ArrayList<>(byName.size());
    for (Session s : byName.values()) {
      if (s != viewer && s.visible()) {
        list.add(s.info());
      }
    }
    return list;
  }

  /**
   * Applies a UDP hello: true if it names a live session, its MAC is right for that session's key
   * and its counter is above all seen before; the session is then marked as heard from.
   */
  public boolean acceptHello(byte[] datagram) {
    Optional<Long> claimed = HelloDatagram.claimedSession(datagram);
    if (claimed.isEmpty()) {
      return false;
    }
    Session session = byId.get(claimed.get());
    if (session == null) {
      return false;
    }
    Optional<HelloDatagram> hello = HelloDatagram.verify(datagram, session.helloKeyShared());
    if (hello.isEmpty() || !session.advanceHelloCounter(hello.get().counter())) {
      return false;
    }
    session.touch();
    return true;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
