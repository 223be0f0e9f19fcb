package p2pchat.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.OwnerOnly;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.net.Transports;
import p2pchat.protocol.tls.TlsContexts;
import p2pchat.registry.cluster.Bus;
import p2pchat.registry.cluster.LocalBus;
import p2pchat.registry.limits.ConnectionSlots;
import p2pchat.registry.limits.LoginThrottle;
import p2pchat.registry.limits.RateLimits;
import p2pchat.registry.net.Core;
import p2pchat.registry.net.Listeners;
import p2pchat.registry.service.AccountService;
import p2pchat.registry.service.FileIndex;
import p2pchat.registry.service.Operators;
import p2pchat.registry.service.Presence;
import p2pchat.registry.service.RequestLog;
import p2pchat.registry.session.Directory;
import p2pchat.registry.store.HistoryWriter;
import p2pchat.registry.store.RegistryStore;
import p2pchat.registry.store.StoreException;
import p2pchat.registry.store.sqlite.SqliteStore;

/**
 * A running registry: TLS on a TCP port, hellos on a UDP port, accounts and the request history in
 * its data folder, operations for operators through {@link #admin()}. This is where the parts are
 * wired: the SQLite store, the in-process bus, the services on them, and the sockets ({@link
 * Listeners}) whose handlers translate messages into service calls.
 */
public final class RegistryServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryServer.class);

  private final Core core;
  private final RegistryStore store;
  private final HistoryWriter history;
  private final Identity identity;
  private final Listeners listeners;
  private final RegistryAdmin admin;

  private RegistryServer(
      Core core,
      RegistryStore store,
      HistoryWriter history,
      Identity identity,
      Listeners listeners,
      RegistryAdmin admin) {
    this.core = core;
    this.store = store;
    this.history = history;
    this.identity = identity;
    this.listeners = listeners;
    this.admin = admin;
  }

  /**
   * Opens the data folder (creating the identity and database on first start, all owner-only) and
   * listens; refuses a database that is empty, not a database or damaged.
   */
  public static RegistryServer start(RegistryConfig config) throws IOException, StoreException {
    Path dataDir = config.dataDir();
    OwnerOnly.folder(dataDir);
    if (Files.exists(dataDir.resolve(Identity.KEY_FILE))
        && !Files.exists(dataDir.resolve(SqliteStore.FILE_NAME))) {
      // Not refused: moving the database away is how an operator starts afresh on the same key.
      LOG.warn(
          "{} has the registry's key but no {}: starting an empty registry, with no accounts",
          dataDir.toAbsolutePath(),
          SqliteStore.FILE_NAME);
    }
    Identity identity = Identity.loadOrCreate(dataDir);
    OwnerOnly.files(dataDir, Identity.KEY_FILE, Identity.CERT_FILE);
    RegistryStore store = SqliteStore.open(dataDir);
    ExecutorService blocking =
        Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            Thread.ofPlatform().name("registry-blocking-", 0).daemon().factory());
    HistoryWriter history =
        new HistoryWriter(store.history(), config.historyRetention(), Instant::now);
    try {
      Directory directory = new Directory();
      Bus bus = new LocalBus(directory);
      Presence presence = new Presence(directory, bus, config.heartbeatTimeout());
      AccountService accounts =
          new AccountService(
              store.accounts(),
              store.admins(),
              config.hasher(),
              new LoginThrottle(config.throttle(), System::nanoTime));
      Operators operators =
          new Operators(presence, bus, store.accounts(), store.admins(), store.history(), history);
      RequestLog requestLog = new RequestLog(history);
      RateLimits limits = new RateLimits(config.rates(), System::nanoTime);
      ConnectionSlots slots = new ConnectionSlots(config.connections(), System::nanoTime);
      FileIndex files = new FileIndex(directory);
      Core[] core = new Core[1];
      Listeners listeners =
          Listeners.open(
              config,
              identity,
              slots,
              directory,
              udpPort ->
                  core[0] =
                      new Core(
                          config,
                          presence,
                          accounts,
                          operators,
                          files,
                          requestLog,
                          limits,
                          slots,
                          blocking,
                          udpPort));
      RegistryServer server =
          new RegistryServer(
              core[0],
              store,
              history,
              identity,
              listeners,
              new RegistryAdmin(operators, requestLog));
      server.scheduleSweeper();
      LOG.info(
          "registry listening on {}:{} (TCP/TLS) and UDP {}, {} transport, {} TLS, id {}",
          config.host(),
          listeners.address().getPort(),
          listeners.udpPort(),
          Transports.name(),
          TlsContexts.provider(),
          identity.peerId());
      return server;
    } catch (IOException | RuntimeException e) {
      blocking.shutdownNow();
      history.close();
      store.close();
      throw e;
    }
  }

  private void scheduleSweeper() {
    Duration timeout = core.config().heartbeatTimeout();
    long period = Math.max(50, Math.min(1000, timeout.toMillis() / 4));
    listeners.every(Duration.ofMillis(period), this::sweep);
  }

  private void sweep() {
    core.presence().expire(System.nanoTime());
    core.accounts().expireThrottle();
    core.limits().expire();
  }

  /** The TCP address the registry listens on. */
  public InetSocketAddress address() {
    return listeners.address();
  }

  /** The UDP port hellos go to. */
  public int udpPort() {
    return core.udpPort();
  }

  /** The registry's own PeerId, the fingerprint clients pin. */
  public PeerId peerId() {
    return identity.peerId();
  }

  /** What an operator can do here: sessions, kick, ban, history (the registry's console). */
  public RegistryAdmin admin() {
    return admin;
  }

  /** How many sessions are logged in now. */
  public int sessionCount() {
    return core.presence().size();
  }

  /** How many connections have not logged in yet, from all addresses. */
  int pendingConnections() {
    return core.slots().pending();
  }

  /** Stops listening, closes every connection and the database. */
  @Override
  public void close() {
    listeners.stopAccepting();
    // Tell every peer why its session ends, so that it logs in again once a registry is back.
    core.presence().shutdown();
    listeners.close();
    core.blocking().shutdownNow();
    history.close(); // writes what is queued, so that the history survives the restart
    try {
      store.close();
    } catch (StoreException e) {
      LOG.warn("closing the database: {}", e.getMessage());
    }
    LOG.info("registry stopped");
  }
}
