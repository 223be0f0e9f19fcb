package p2pchat.peer.rendezvous;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.peer.NodeConfig;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.NodeException;
import p2pchat.peer.profile.Profile;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.RegistryMessage.PresenceChange;
import p2pchat.protocol.message.RegistryMessage.SessionEnded;
import p2pchat.protocol.tls.PeerIdPolicy;
import p2pchat.registry.client.LoginResult;
import p2pchat.registry.client.RegistryClient;
import p2pchat.registry.client.RegistryException;
import p2pchat.registry.client.RegistryListener;

/**
 * The node's session with the registry: logs in, and when the connection is lost logs in again by
 * itself (unless the user logged out, or the registry ended the session for good: kicked, or
 * replaced by a login elsewhere). However attempts fail, one loop at most tries again, with the
 * growing jittered {@link ReconnectWaits}, and one attempt at a time runs, so that the node never
 * replaces its own session; a registry presenting another key is told once and tried only at the
 * longest wait.
 */
final class RegistrySession {
  private static final Logger LOG = LoggerFactory.getLogger(RegistrySession.class);

  private final NodeConfig config;
  private final Profile profile;
  private final Consumer<NodeEvent> events;
  private final Consumer<PresenceChange> presence;
  private final Consumer<LoginResult> loggedIn;
  // A lock rather than synchronized: attempts block on the network, often on virtual threads.
  private final ReentrantLock attempts = new ReentrantLock();
  private final AtomicBoolean looping = new AtomicBoolean();
  private final ReconnectWaits waits;
  private volatile Thread loop;
  private volatile int listenPort;
  private volatile Attempt current;
  private volatile long sessionStart = System.nanoTime();
  private volatile boolean keyChangeTold;
  private volatile boolean wanted = true;
  private volatile boolean closed;
  private volatile boolean visible = true;
  private volatile SessionEnded.Why endedWhy;

  RegistrySession(
      NodeConfig config,
      Profile profile,
      Consumer<NodeEvent> events,
      Consumer<PresenceChange> presence,
      Consumer<LoginResult> loggedIn) {
    this.config = config;
    this.profile = profile;
    this.events = events;
    this.presence = presence;
    this.loggedIn = loggedIn;
    this.waits =
        new ReconnectWaits(config.reconnectMax(), () -> ThreadLocalRandom.current().nextDouble());
  }

  /** Logs in with {@code port} as the port this node listens on, from now on. */
  void listeningOn(int port) {
    this.listenPort = port;
  }

  /** Connects and logs in (registering first if asked), as the user asks; throws a sentence. */
  LoginResult login(boolean register) throws NodeException {
    attempts.lock();
    try {
      return attempt(register, true);
    } finally {
      attempts.unlock();
    }
  }

  /**
   * One attempt, holding {@link #attempts}: a connection of its own, whose news count only once it
   * logged in and until a later attempt replaces it. {@code byUser}: the user asked (so logging in
   * is wanted again), rather than the loop.
   */
  private LoginResult attempt(boolean register, boolean byUser) throws NodeException {
    PeerIdPolicy policy =
        config
            .registryId()
            .map(PeerIdPolicy::pinned)
            .orElseGet(
                () ->
                    profile
                        .registries()
                        .policyFor(
                            config.registry(),
                            pinned ->
                                events.accept(
                                    new NodeEvent.Notice(NodeEvent.Code.REGISTRY_PINNED, pinned))));
    Attempt attempt = new Attempt();
    RegistryClient c;
    try {
      c =
          RegistryClient.connect(
              config.registry(),
              profile.identity(),
              policy,
              attempt,
              RegistryClient.Options.DEFAULTS);
    } catch (RegistryException e) {
      throw new NodeException(e.getMessage(), e);
    }
    attempt.client = c;
    Attempt previous = current;
    try {
      if (register) {
        c.register(config.userName(), config.password());
      }
      if (previous != null) {
        previous.superseded = true; // the registry ends it as REPLACED: that is this login
      }
      LoginResult result = c.login(config.userName(), config.password(), listenPort, visible);
      endedWhy = null;
      keyChangeTold = false;
      sessionStart = System.nanoTime();
      if (byUser) {
        wanted = true;
      }
      current = attempt;
      if (previous != null) {
        previous.client.close(); // replaced or gone, but its event loop thread lived on
      }
      if (closed) {
        c.close();
        throw new NodeException("the node is closing", null);
      }
      loggedIn.accept(result);
      attempt.loggedIn = true;
      if (!c.isConnected()) {
        attempt.disconnected(); // it closed before it counted: lost like any other
      } else if (!wanted) {
        logOutQuietly(c); // the user logged out while the loop was logging in
      }
      return result;
    } catch (RegistryException e) {
      c.close();
      if (previous != null) {
        previous.resume();
      }
      throw new NodeException(e.getMessage(), e);
    }
  }

  private static void logOutQuietly(RegistryClient c) {
    try {
      c.logout();
    } catch (RegistryException e) {
      c.close();
    }
  }

  /** The connected client, or a failure saying the registry is away. */
  RegistryClient client() throws RegistryException {
    Attempt a = current;
    if (a == null || !a.client.isConnected()) {
      throw new RegistryException(
          ErrorCode.UNKNOWN, "the registry is unreachable; p2pchat keeps trying to log in again");
    }
    return a.client;
  }

  boolean visible() {
    return visible;
  }

  void visible(boolean visible) throws RegistryException {
    client().setVisible(visible);
    this.visible = visible;
  }

  /** Logs out; the node stays up but does not log in again until asked. */
  void logout() throws RegistryException {
    wanted = false;
    Attempt a = current;
    if (a != null && a.client.isConnected()) {
      a.client.logout();
    }
  }

  private void sessionEnded(SessionEnded.Why why, String text) {
    endedWhy = why;
    if (why == SessionEnded.Why.KICKED || why == SessionEnded.Why.REPLACED) {
      wanted = false;
      events.accept(new NodeEvent.LoggedOut(text));
    }
  }

  /** The session's connection closed (told once per session). */
  private void lost() {
    if (closed) {
      return;
    }
    if (!wanted) {
      if (endedWhy == null) {
        events.accept(new NodeEvent.LoggedOut("logged out"));
      }
      return;
    }
    events.accept(
        new NodeEvent.RegistryLost(
            "lost the connection to the registry; logging in again when it is back"));
    if (looping.compareAndSet(false, true)) {
      loop = Thread.ofVirtual().name("registry-reconnect").start(this::reconnect);
    }
  }

  private boolean sessionUp() {
    Attempt a = current;
    return a != null && a.client.isConnected();
  }

  /**
   * The one loop: runs while {@link #looping} is set. A session it logged in that was lost before
   * the loop let go could not start another loop, so this one carries on.
   */
  private void reconnect() {
    do {
      if (System.nanoTime() - sessionStart >= config.reconnectMax().toNanos()) {
        waits.reset(); // a session that lasted starts over; one lost at once keeps the long waits
      }
      tryUntilBack();
      looping.set(false);
    } while (wanted && !closed && !sessionUp() && looping.compareAndSet(false, true));
  }

  private void tryUntilBack() {
    while (wanted && !closed) {
      try {
        Thread.sleep(waits.next());
      } catch (InterruptedException e) {
        return; // closing
      }
      try {
        if (tryAgain()) {
          return;
        }
      } catch (NodeException e) {
        if (e.getCause() instanceof RegistryException r
            && (r.code() == ErrorCode.WRONG_PASSWORD
                || r.code() == ErrorCode.UNKNOWN_USER
                || r.code() == ErrorCode.BANNED)) {
          wanted = false;
          events.accept(new NodeEvent.LoggedOut("cannot log in again: " + e.getMessage()));
          return;
        }
        if (e.getCause() instanceof RegistryException r && r.keyChanged()) {
          waits.slow(); // an impostor, or a replaced key: only the real registry coming back helps
          if (!keyChangeTold) {
            keyChangeTold = true;
            events.accept(
                new NodeEvent.Warning(
                    NodeEvent.Code.REGISTRY_KEY_CHANGED,
                    e.getMessage()
                        + "; trying again every "
                        + longestWait()
                        + " or so in case the registry with the pinned key comes back"));
          }
        }
        LOG.debug("registry still unreachable: {}", e.getMessage());
      }
    }
  }

  private String longestWait() {
    long millis = config.reconnectMax().toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  /** Logs in again unless that is no longer needed; true when no more attempts are needed. */
  private boolean tryAgain() throws NodeException {
    attempts.lock();
    try {
      if (wanted && !closed && !sessionUp()) {
        attempt(false, false);
      }
      return true;
    } finally {
      attempts.unlock();
    }
  }

  void close() {
    closed = true;
    Thread t = loop;
    if (t != null) {
      t.interrupt();
    }
    Attempt a = current;
    if (a != null) {
      a.client.close();
    }
  }

  /**
   * What one connection's registry tells: presence and session ends while it is the session (not
   * yet replaced by a later login of this node), and its loss once, if it ever logged in.
   */
  private final class Attempt implements RegistryListener {
    private final AtomicBoolean lostTold = new AtomicBoolean();
    volatile RegistryClient client;
    volatile boolean loggedIn;
    volatile boolean superseded;

    @Override
    public void presenceChanged(PresenceChange change) {
      if (!superseded) {
        presence.accept(change);
      }
    }

    @Override
    public void sessionEnded(SessionEnded.Why why, String text) {
      if (!superseded) {
        RegistrySession.this.sessionEnded(why, text);
      }
    }

    @Override
    public void disconnected() {
      if (loggedIn && !superseded && lostTold.compareAndSet(false, true)) {
        lost();
      }
    }

    /** A later login failed: this one is the session again (and lost, if it closed meanwhile). */
    void resume() {
      superseded = false;
      if (!client.isConnected()) {
        disconnected();
      }
    }
  }
}
