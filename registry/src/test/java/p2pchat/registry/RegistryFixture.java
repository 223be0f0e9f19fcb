package p2pchat.registry;

import java.nio.file.Path;
import java.time.Duration;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.tls.PeerIdPolicy;
import p2pchat.registry.client.AdminClient;
import p2pchat.registry.client.RegistryClient;
import p2pchat.registry.client.RegistryException;
import p2pchat.registry.client.RegistryListener;

/**
 * A real registry on 127.0.0.1 (free ports, a temporary data folder) and clients of it, for
 * integration tests. Close it to stop the registry and every client it made.
 */
final class RegistryFixture implements AutoCloseable {
  /** A password every test account uses unless a test is about passwords. */
  static final String PASSWORD = "correct horse";

  /** The password of every operator a test creates. */
  static final String ADMIN_PASSWORD = "operator secret";

  private final java.util.List<RegistryClient> clients =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.List<AdminClient> admins =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private RegistryConfig config;
  private RegistryServer server;

  RegistryFixture(Path dataDir) throws Exception {
    this(RegistryConfig.builder(dataDir).address("127.0.0.1", 0).build());
  }

  RegistryFixture(RegistryConfig config) throws Exception {
    this.config = config;
    this.server = RegistryServer.start(config);
  }

  RegistryServer server() {
    return server;
  }

  RegistryConfig config() {
    return config;
  }

  /** Stops the registry and starts it again on the same data folder and ports. */
  void restart() throws Exception {
    int port = server.address().getPort();
    server.close();
    config = config.toBuilder().address("127.0.0.1", port).build();
    server = RegistryServer.start(config);
  }

  /** A new client with a fresh identity, pinned to this registry. */
  RegistryClient connect(RegistryListener listener) throws RegistryException {
    return connect(Identity.generate("test"), listener, RegistryClient.Options.DEFAULTS);
  }

  /** A new client with {@code identity}, pinned to this registry. */
  RegistryClient connect(
      Identity identity, RegistryListener listener, RegistryClient.Options options)
      throws RegistryException {
    RegistryClient client =
        RegistryClient.connect(
            server.address(), identity, PeerIdPolicy.pinned(server.peerId()), listener, options);
    clients.add(client);
    return client;
  }

  /** A client that registered {@code name} and logged in (visible, listen port 40000). */
  RegistryClient online(String name, RegistryListener listener) throws RegistryException {
    RegistryClient client = connect(listener);
    client.register(name, PASSWORD);
    client.login(name, PASSWORD, 40000, true);
    return client;
  }

  /** Creates operator {@code name} in the registry's database (while it runs). */
  void createAdmin(String name) throws Exception {
    RegistryAdmin.createAdmin(config.dataDir(), name, ADMIN_PASSWORD, config.hasher());
  }

  /** A new operator connection with a fresh identity, pinned to this registry, not logged in. */
  AdminClient adminConnection() throws RegistryException {
    AdminClient admin =
        AdminClient.connect(
            server.address(),
            Identity.generate("admin"),
            PeerIdPolicy.pinned(server.peerId()),
            Duration.ofSeconds(10));
    admins.add(admin);
    return admin;
  }

  /** An operator connection logged in as {@code name} (created with {@link #createAdmin}). */
  AdminClient admin(String name) throws RegistryException {
    AdminClient admin = adminConnection();
    admin.login(name, ADMIN_PASSWORD);
    return admin;
  }

  /** Options without heartbeats, for timeout tests. */
  static RegistryClient.Options silent() {
    return new RegistryClient.Options(Duration.ofSeconds(10), false, false);
  }

  @Override
  public void close() {
    clients.forEach(RegistryClient::close);
    admins.forEach(AdminClient::close);
    server.close();
  }
}
