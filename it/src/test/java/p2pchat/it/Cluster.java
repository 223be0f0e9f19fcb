package p2pchat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import p2pchat.peer.Node;
import p2pchat.peer.NodeConfig;
import p2pchat.peer.NodeEvent;
import p2pchat.protocol.ProtocolVersion;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.ConnectionMessage.Hello;
import p2pchat.protocol.message.ConnectionMessage.Welcome;
import p2pchat.protocol.message.PeerMessage.Introduce;
import p2pchat.protocol.message.PeerMessage.Introduced;
import p2pchat.protocol.testing.RawTlsConnection;
import p2pchat.protocol.tls.PeerIdPolicy;
import p2pchat.registry.RegistryConfig;
import p2pchat.registry.RegistryServer;
import p2pchat.registry.client.RegistryClient;
import p2pchat.registry.client.RegistryException;
import p2pchat.registry.client.RegistryListener;
import p2pchat.registry.store.PasswordHasher;

/**
 * A real registry on 127.0.0.1 (a free port, a data folder under the test's temporary folder) and
 * real nodes logged in to it, each with its own profile folder and an {@link EventLog} of what it
 * told its user. Closing the cluster closes every node, every plain client and the registry.
 */
final class Cluster implements AutoCloseable {
  /** The password of every account. */
  static final String PASSWORD = "correct horse";

  /** Cheap Argon2id: the registry's hashing cost is not what these tests are about. */
  private static final PasswordHasher FAST_HASHER = new PasswordHasher(1024, 1, 1);

  /** A node and what it told its user. */
  record Member(String name, Node node, EventLog events) {}

  private final Path dir;
  private final List<Member> members = new CopyOnWriteArrayList<>();
  private final List<RegistryClient> clients = new CopyOnWriteArrayList<>();
  private final PeerId registryId;
  private RegistryConfig registryConfig;
  private RegistryServer registry;

  /** Starts a registry keeping its data in {@code dir}/registry. */
  Cluster(Path dir) throws Exception {
    this.dir = dir;
    this.registryConfig =
        RegistryConfig.builder(dir.resolve("registry"))
            .address("127.0.0.1", 0)
            .hasher(FAST_HASHER)
            .build();
    this.registry = RegistryServer.start(registryConfig);
    this.registryConfig =
        registryConfig.toBuilder().address("127.0.0.1", registry.address().getPort()).build();
    this.registryId = registry.peerId();
  }

  /** The running registry. */
  RegistryServer registry() {
    if (registry == null) {
      throw new IllegalStateException("the registry is stopped");
    }
    return registry;
  }

  /** Where the registry listens (the same across a restart). */
  InetSocketAddress registryAddress() {
    return new InetSocketAddress(registryConfig.host(), registryConfig.port());
  }

  /** Stops the registry; the nodes lose it and keep trying to log in again. */
  void stopRegistry() {
    registry().close();
    registry = null;
  }

  /** Starts the registry again on the same data folder and port. */
  void restartRegistry() throws Exception {
    if (registry != null) {
      stopRegistry();
    }
    registry = RegistryServer.start(registryConfig);
  }

  /**
   * A config for {@code name} with its profile in the folder {@code profile}: the registry pinned,
   * listening on 127.0.0.1 at a free port, not registering.
   */
  NodeConfig config(String name, String profile) {
    return NodeConfig.of(
            dir.resolve("profiles").resolve(profile), registryAddress(), name, PASSWORD)
        .listening(new InetSocketAddress("127.0.0.1", 0))
        .withRegistryId(registryId);
  }

  /** The profile folder a config for {@code profile} uses (to put files there before a start). */
  Path profileDir(String profile) {
    return dir.resolve("profiles").resolve(profile);
  }

  /** A config for {@code name} with the profile folder of the same name. */
  NodeConfig config(String name) {
    return config(name, name);
  }

  /** A node that registers {@code name} and logs in. */
  Member join(String name) throws Exception {
    return start(config(name).registering());
  }

  /** A node started with {@code config}. */
  Member start(NodeConfig config) throws Exception {
    EventLog events = new EventLog(config.userName());
    Member member = new Member(config.userName(), Node.start(config, events), events);
    members.add(member);
    return member;
  }

  /** Closes {@code member}'s node (without logging out). */
  void stop(Member member) {
    if (members.remove(member)) {
      member.node().close();
    }
  }

  /**
   * Closes {@code member}'s node (without logging out) and starts it again on the same profile, as
   * a person restarting the program does; returns the new member.
   */
  Member restart(Member member) throws Exception {
    stop(member);
    return start(config(member.name()));
  }

  /** Creates the account {@code name} through a plain client that then disconnects. */
  void registerAccount(String name) throws RegistryException {
    try (RegistryClient client = connect(Identity.generate(name))) {
      client.register(name, PASSWORD);
    }
  }

  /**
   * A plain registry client (not a node) presenting {@code identity} that registers {@code name}
   * and logs in announcing {@code listenPort}; it stays logged in until the cluster closes.
   */
  RegistryClient registerAndLogIn(String name, Identity identity, int listenPort)
      throws RegistryException {
    RegistryClient client = connect(identity);
    clients.add(client);
    client.register(name, PASSWORD);
    client.login(name, PASSWORD, listenPort, true);
    return client;
  }

  /**
   * A user {@code name} with {@code key}, registered and logged in but not listening, linked to
   * {@code to} by hand past the version exchange and the introduction: a peer that sends whatever a
   * test wants, and answers only when the test does.
   */
  RawTlsConnection joinByHand(String name, Identity key, Member to) throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    registerAndLogIn(name, key, closedPort);
    RawTlsConnection raw =
        RawTlsConnection.open(to.node().whoami().listen(), to.node().whoami().peerId(), key);
    raw.send(new Hello(ProtocolVersion.CURRENT, name));
    assertThat(raw.receive()).isInstanceOf(Welcome.class);
    raw.send(new Introduce(name));
    assertThat(raw.receive()).isEqualTo(new Introduced(to.name()));
    return raw;
  }

  private RegistryClient connect(Identity identity) throws RegistryException {
    return RegistryClient.connect(
        registryAddress(),
        identity,
        PeerIdPolicy.pinned(registryId),
        RegistryListener.NONE,
        RegistryClient.Options.DEFAULTS);
  }

  /**
   * {@code from} asks {@code to} to chat and {@code to} accepts; returns once both see the
   * conversation open.
   */
  static void openConversation(Member from, Member to) {
    int fromSeen = from.events().all(NodeEvent.ConversationOpened.class).size();
    int toSeen = to.events().all(NodeEvent.ConversationOpened.class).size();
    int asked = to.events().all(NodeEvent.ChatRequested.class).size();
    from.node().requestChat(to.name());
    NodeEvent.ChatRequested request =
        to.events().awaitNth(NodeEvent.ChatRequested.class, asked + 1);
    assertThat(request.from()).as("who asked %s", to.name()).isEqualTo(from.name());
    to.node().accept(from.name());
    assertThat(from.events().awaitNth(NodeEvent.ConversationOpened.class, fromSeen + 1))
        .isEqualTo(new NodeEvent.ConversationOpened(to.name(), true));
    assertThat(to.events().awaitNth(NodeEvent.ConversationOpened.class, toSeen + 1))
        .isEqualTo(new NodeEvent.ConversationOpened(from.name(), false));
  }

  @Override
  public void close() {
    members.forEach(m -> m.node().close());
    members.clear();
    clients.forEach(RegistryClient::close);
    if (registry != null) {
      registry.close();
      registry = null;
    }
  }
}
