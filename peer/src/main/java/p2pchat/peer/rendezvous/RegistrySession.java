package p2pchat.peer.rendezvous;

import java.time.Duration;
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
 * itself with growing waits (unless the user logged out, or the registry ended the session for
 * good: kicked, or replaced by a login elsewhere).
 */
final class RegistrySession implements RegistryListener {
  private static final Logger LOG = LoggerFactory.getLogger(RegistrySession.class);

  private final NodeConfig config;
  private final Profile profile;
  private final Consumer<NodeEvent> events;
  private final Consumer<PresenceChange> presence;
  private final Consumer<LoginResult> loggedIn;
  private volatile int listenPort;
  private volatile RegistryClient client;
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
  }

  /** Logs in with {@code port} as the port this node listens on, from now on. */
  void listeningOn(int port) {
    this.listenPort = port;
  }

  /** Connects and logs in (registering first if asked); throws a sentence on failure. */
  LoginResult login(boolean register) throws NodeException {
    String where = config.registry().getHostString() + ":" + config.registry().getPort();
    PeerIdPolicy policy =
        config
            .registryId()
            .map(PeerIdPolicy::pinned)
            .orElseGet(() -> profile.registries().policyFor(where));
    RegistryClient c;
    try {
      c =
          RegistryClient.connect(
              config.registry(), profile.identity(), policy, this, RegistryClient.Options.DEFAULTS);
    } catch (RegistryException e) {
      throw new NodeException(e.getMessage(), e);
    }
    try {
      if (register) {
        c.register(config.userName(), config.password());
      }
      LoginResult result = c.login(config.userName(), config.password(), listenPort, visible);
      endedWhy = null;
      wanted = true;
      RegistryClient previous = client;
      client = c;
      if (previous != null && !previous.isConnected()) {
        previous.close(); // the connection is gone, but its event loop thread lived on
      }
      loggedIn.accept(result);
      return result;
    } catch (RegistryException e) {
      c.close();
      throw new NodeException(e.getMessage(), e);
    }
  }

  /** The connected client, or a failure saying the registry is away. */
  RegistryClient client() throws RegistryException {
    RegistryClient c = client;
    if (c == null || !c.isConnected()) {
      throw new RegistryException(
          ErrorCode.UNKNOWN, "the registry is unreachable; p2pchat keeps trying to log in again");
    }
    return c;
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
    RegistryClient c = client;
    if (c != null && c.isConnected()) {
      c.logout();
    }
  }

  @Override
  public void presenceChanged(PresenceChange change) {
    presence.accept(change);
  }

  @Override
  public void sessionEnded(SessionEnded.Why why, String text) {
    endedWhy = why;
    if (why == SessionEnded.Why.KICKED || why == SessionEnded.Why.REPLACED) {
      wanted = false;
      events.accept(new NodeEvent.LoggedOut(text));
    }
  }

  @Override
  public void disconnected() {
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
    Thread.ofVirtual().name("registry-reconnect").start(this::reconnect);
  }

  private void reconnect() {
    Duration wait = Duration.ofMillis(250);
    while (wanted && !closed) {
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        return;
      }
      try {
        login(false);
        return;
      } catch (NodeException e) {
        if (e.getCause() instanceof RegistryException r
            && (r.code() == ErrorCode.WRONG_PASSWORD
                || r.code() == ErrorCode.UNKNOWN_USER
                || r.code() == ErrorCode.BANNED)) {
          wanted = false;
          events.accept(new NodeEvent.LoggedOut("cannot log in again: " + e.getMessage()));
          return;
        }
        LOG.debug("registry still unreachable: {}", e.getMessage());
      }
      wait = wait.multipliedBy(2);
      if (wait.compareTo(config.reconnectMax()) > 0) {
        wait = config.reconnectMax();
      }
    }
  }

  void close() {
    closed = true;
    RegistryClient c = client;
    if (c != null) {
      c.close();
    }
  }
}
