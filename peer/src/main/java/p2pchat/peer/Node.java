package p2pchat.peer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.peer.chat.Conversations;
import p2pchat.peer.direct.DirectNetwork;
import p2pchat.peer.direct.LinkException;
import p2pchat.peer.direct.LinkListener;
import p2pchat.peer.direct.PeerLink;
import p2pchat.peer.profile.Profile;
import p2pchat.peer.registry.LoginResult;
import p2pchat.peer.registry.RegistryException;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.protocol.message.PeerMessage;
import p2pchat.protocol.message.RegistryMessage.PresenceChange;

/**
 * The node a person runs: logged in to a registry, listening for direct connections, holding 1:1
 * conversations. It has no user interface: commands are methods that return at once, and what
 * happens is published as {@link NodeEvent}s, so that a terminal, a web page or a test can drive it
 * alike. All state changes run on one actor thread, so events come out in a consistent order.
 */
public final class Node implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  /** What {@code whoami} shows. */
  public record Self(
      String name, PeerId peerId, InetSocketAddress listen, String observed, boolean visible) {}

  private final NodeConfig config;
  private final Profile profile;
  private final Consumer<NodeEvent> events;
  private final ExecutorService actor;
  private final Map<String, PeerInfo> online = new ConcurrentHashMap<>();
  private volatile String observed = "?";
  private DirectNetwork network;
  private RegistrySession registry;
  private Conversations conversations;

  private Node(NodeConfig config, Profile profile, Consumer<NodeEvent> events) {
    this.config = config;
    this.profile = profile;
    this.actor =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("node-" + config.userName()).daemon().factory());
    // Events leave from the actor thread only, in order.
    this.events = event -> actor.execute(() -> deliver(events, event));
  }

  private static void deliver(Consumer<NodeEvent> sink, NodeEvent event) {
    try {
      sink.accept(event);
    } catch (RuntimeException e) {
      LOG.warn("an event listener failed on {}", event, e);
    }
  }

  /**
   * Opens the profile, listens for peers and logs in to the registry (registering first if the
   * config says so). Throws with a sentence when any of it fails.
   */
  public static Node start(NodeConfig config, Consumer<NodeEvent> events) throws NodeException {
    Profile profile;
    try {
      profile = Profile.open(config.profileDir());
    } catch (IOException e) {
      throw new NodeException(
          "cannot open the profile in " + config.profileDir() + ": " + e.getMessage(), e);
    }
    Node node = new Node(config, profile, events);
    node.startNetwork();
    try {
      node.registry.login(config.register());
    } catch (NodeException e) {
      node.close();
      throw e;
    }
    return node;
  }

  private void startNetwork() throws NodeException {
    conversations = new Conversations(config.userName(), this::dial, actor, events);
    try {
      network =
          DirectNetwork.start(
              profile.identity(),
              config.userName(),
              config.listen(),
              config.idleTimeout(),
              new Links());
    } catch (SSLException | RuntimeException e) {
      throw new NodeException(
          "cannot listen for peers on " + config.listen() + ": " + e.getMessage(), e);
    }
    registry =
        new RegistrySession(
            config,
            profile,
            network.listenAddress().getPort(),
            events,
            this::presence,
            this::loggedIn);
  }

  private void loggedIn(LoginResult result) {
    online.clear();
    result.online().forEach(p -> online.put(key(p.name()), p));
    observed = result.observedHost() + ":" + result.observedPort();
    events.accept(
        new NodeEvent.LoggedIn(
            config.userName(),
            profile.identity().peerId(),
            network.listenAddress(),
            observed,
            sorted()));
  }

  private void presence(PresenceChange change) {
    PeerInfo peer = change.peer();
    if (change.change() == PresenceChange.Change.JOINED) {
      online.put(key(peer.name()), peer);
      events.accept(new NodeEvent.UserJoined(peer));
    } else {
      online.remove(key(peer.name()));
      events.accept(new NodeEvent.UserLeft(peer, change.reason()));
    }
  }

  /** Looks {@code name} up and dials the address and PeerId the registry gives. */
  private CompletableFuture<PeerLink> dial(String name) {
    CompletableFuture<PeerLink> result = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              PeerInfo peer;
              try {
                peer = registry.client().lookup(name);
              } catch (RegistryException e) {
                result.completeExceptionally(new LinkException(lookupFailure(name, e)));
                return;
              }
              network
                  .dial(peer.name(), new InetSocketAddress(peer.host(), peer.port()), peer.peerId())
                  .whenComplete(
                      (link, error) -> {
                        if (error == null) {
                          result.complete(link);
                        } else {
                          Throwable cause = error.getCause() != null ? error.getCause() : error;
                          if (cause.getMessage() != null
                              && cause.getMessage().contains(" is not " + peer.name())) {
                            events.accept(new NodeEvent.Warning(cause.getMessage()));
                          }
                          result.completeExceptionally(cause);
                        }
                      });
            });
    return result;
  }

  private static String lookupFailure(String name, RegistryException e) {
    return switch (e.code()) {
      case USER_OFFLINE -> name + " is offline";
      case UNKNOWN_USER -> "there is no user named " + name;
      default -> "cannot find " + name + ": " + e.getMessage();
    };
  }

  /** The direct-connection layer's callbacks, moved onto the actor. */
  private final class Links implements LinkListener {
    @Override
    public CompletableFuture<Void> verify(String claimedName, PeerId peerId, String remote) {
      if (profile.contacts().pinned(claimedName).filter(peerId::equals).isPresent()) {
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> verdict = new CompletableFuture<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  registry.client().checkPeer(claimedName, peerId);
                  verdict.complete(null);
                } catch (RegistryException e) {
                  String text =
                      e.code() == ErrorCode.IDENTITY_MISMATCH || e.code() == ErrorCode.UNKNOWN_USER
                          ? "refused a connection from "
                              + remote
                              + " claiming to be "
                              + claimedName
                              + ": it presented PeerId "
                              + peerId
                              + ", which the registry does not hold for "
                              + claimedName
                          : "refused a connection from "
                              + remote
                              + " claiming to be "
                              + claimedName
                              + ": cannot check its identity ("
                              + e.getMessage()
                              + ")";
                  verdict.completeExceptionally(new LinkException(text));
                }
              });
      return verdict;
    }

    @Override
    public void linkUp(PeerLink link) {
      actor.execute(
          () -> {
            profile
                .contacts()
                .pin(link.peerName(), link.peerId())
                .ifPresent(
                    old ->
                        deliver(
                            events,
                            new NodeEvent.Warning(
                                link.peerName()
                                    + "'s key changed: it was "
                                    + old
                                    + ", now it is "
                                    + link.peerId()
                                    + " (the registry vouches for the new one; if "
                                    + link.peerName()
                                    + " did not set up a new device, be careful)")));
            conversations.linkUp(link);
          });
    }

    @Override
    public void received(PeerLink link, PeerMessage message) {
      actor.execute(() -> conversations.received(link, message));
    }

    @Override
    public void linkDown(PeerLink link) {
      actor.execute(() -> conversations.linkDown(link));
    }

    @Override
    public void refused(String text) {
      events.accept(new NodeEvent.Warning(text));
    }
  }

  // ---- commands: each returns at once; outcomes arrive as events ----

  /** Asks {@code name} to chat. */
  public void requestChat(String name) {
    actor.execute(() -> conversations.request(name));
  }

  /** Accepts {@code name}'s chat request. */
  public void accept(String name) {
    actor.execute(() -> conversations.accept(name));
  }

  /** Declines {@code name}'s chat request. */
  public void decline(String name) {
    actor.execute(() -> conversations.decline(name));
  }

  /** Sends {@code text} to {@code name}, asking to chat first if no conversation is open. */
  public void send(String name, String text) {
    actor.execute(() -> conversations.send(name, text));
  }

  /** Ends the conversation with {@code name}. */
  public void closeConversation(String name) {
    actor.execute(() -> conversations.close(name));
  }

  /** Asks the registry for the online list again; answered by a {@link NodeEvent.Users}. */
  public void refresh() {
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                List<PeerInfo> list = registry.client().online();
                online.clear();
                list.forEach(p -> online.put(key(p.name()), p));
                events.accept(new NodeEvent.Users(sorted()));
              } catch (RegistryException e) {
                events.accept(
                    new NodeEvent.Failed("cannot refresh the online list: " + e.getMessage()));
              }
            });
  }

  /** Shows or hides this user from the online list, announcements and lookups. */
  public void setVisible(boolean visible) {
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                registry.visible(visible);
                events.accept(
                    new NodeEvent.Notice(
                        visible
                            ? "you are visible"
                            : "you are invisible: others see you as offline"));
              } catch (RegistryException e) {
                events.accept(new NodeEvent.Failed("cannot change visibility: " + e.getMessage()));
              }
            });
  }

  /**
   * Logs out of the registry; open conversations go on, nothing logs in again until {@link #login}.
   */
  public void logout() {
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                registry.logout();
              } catch (RegistryException e) {
                events.accept(new NodeEvent.Failed("logout: " + e.getMessage()));
              }
            });
  }

  /** Logs in again after a logout (or a kick). */
  public void login() {
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                registry.login(false);
              } catch (NodeException e) {
                events.accept(new NodeEvent.Failed("cannot log in: " + e.getMessage()));
              }
            });
  }

  /** Everyone else online, as last heard from the registry, sorted by name. */
  public List<PeerInfo> users() {
    return sorted();
  }

  /** The conversations, one line each. */
  public List<String> conversations() {
    try {
      return actor.submit(conversations::describe).get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the node did not answer", e);
    }
  }

  /** Who this node is and where it is reachable. */
  public Self whoami() {
    return new Self(
        config.userName(),
        profile.identity().peerId(),
        network.listenAddress(),
        observed,
        registry.visible());
  }

  /** The profile this node runs on. */
  public Profile profile() {
    return profile;
  }

  private List<PeerInfo> sorted() {
    List<PeerInfo> list = new ArrayList<>(online.values());
    list.sort(Comparator.comparing(p -> key(p.name())));
    return list;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** Logs out (so that others see a logout rather than a drop), then closes. */
  public void quit() {
    try {
      registry.logout();
    } catch (RegistryException e) {
      LOG.debug("logout on quit: {}", e.getMessage());
    }
    close();
  }

  /** Closes every connection and stops; does not log out (the registry sees a disconnect). */
  @Override
  public void close() {
    if (registry != null) {
      registry.close();
    }
    if (network != null) {
      network.close();
    }
    actor.shutdown();
    try {
      actor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
