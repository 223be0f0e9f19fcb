package p2pchat.registry.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.AdminMessage.AdminLogin;
import p2pchat.protocol.message.AdminMessage.Ban;
import p2pchat.protocol.message.AdminMessage.FollowLog;
import p2pchat.protocol.message.AdminMessage.History;
import p2pchat.protocol.message.AdminMessage.HistoryEntry;
import p2pchat.protocol.message.AdminMessage.Kick;
import p2pchat.protocol.message.AdminMessage.ListSessions;
import p2pchat.protocol.message.AdminMessage.SessionInfo;
import p2pchat.protocol.message.AdminMessage.Unban;
import p2pchat.protocol.message.ConnectionMessage.Ping;
import p2pchat.protocol.tls.PeerIdPolicy;

/**
 * An operator's connection to a registry, over the same TLS port as peers: log in with an admin
 * identity, then list sessions, kick, ban, unban, read a user's history, or follow the request log.
 * Methods block until the registry answers and throw {@link RegistryException} with its sentence
 * when it refuses (a chat account gets {@code FORBIDDEN}).
 */
public final class AdminClient implements AutoCloseable {
  /** How often a connection following the log pings, so that idle middleboxes keep it open. */
  private static final Duration FOLLOW_PING = Duration.ofSeconds(30);

  private final RegistryConnection connection;
  private volatile ScheduledFuture<?> pings;

  private AdminClient(RegistryConnection connection) {
    this.connection = connection;
  }

  /**
   * Connects to the registry at {@code address}, presenting {@code identity} and accepting the
   * registry's certificate only if {@code registryPolicy} does; waits at most {@code timeout} for
   * the connection and for each answer.
   */
  public static AdminClient connect(
      InetSocketAddress address, Identity identity, PeerIdPolicy registryPolicy, Duration timeout)
      throws RegistryException {
    return new AdminClient(
        RegistryConnection.open(
            address,
            identity,
            registryPolicy,
            new ClientHandler(RegistryListener.NONE),
            timeout,
            "registry-admin"));
  }

  /** The PeerId the registry presented (its certificate fingerprint). */
  public PeerId registryId() {
    return connection.registryId();
  }

  /** Logs in as operator {@code name}. */
  public void login(String name, String password) throws RegistryException {
    connection.request(id -> new AdminLogin(id, name, password), "admin login");
  }

  /** Every live session, sorted by user name. */
  public List<SessionInfo> sessions() throws RegistryException {
    return listOf(SessionInfo.class, connection.request(ListSessions::new, "session list"));
  }

  /** Ends {@code name}'s session; everyone else online is told who and why. */
  public void kick(String name, String reason) throws RegistryException {
    connection.request(id -> new Kick(id, name, reason), "kick");
  }

  /** Bans account {@code name} (kicking it if online) until {@link #unban}. */
  public void ban(String name, String reason) throws RegistryException {
    connection.request(id -> new Ban(id, name, reason), "ban");
  }

  /** Lifts the ban on account {@code name}. */
  public void unban(String name) throws RegistryException {
    connection.request(id -> new Unban(id, name), "unban");
  }

  /** The last {@code limit} requests of {@code name}'s clients, newest first. */
  public List<HistoryEntry> history(String name, int limit) throws RegistryException {
    return listOf(
        HistoryEntry.class, connection.request(id -> new History(id, name, limit), "history"));
  }

  /**
   * Has every request line the registry logs from now on passed to {@code lines} (on the
   * connection's thread), until the connection closes; returns once the registry agreed.
   */
  public void follow(Consumer<String> lines) throws RegistryException {
    connection.request(
        id -> {
          connection.handler().follow(id, lines);
          return new FollowLog(id);
        },
        "log follow");
    long every = FOLLOW_PING.toMillis();
    pings =
        connection
            .channel()
            .eventLoop()
            .scheduleAtFixedRate(
                () -> connection.channel().writeAndFlush(new Ping(System.nanoTime())),
                every,
                every,
                TimeUnit.MILLISECONDS);
  }

  /** Waits until the connection closes; returns why, as the registry or the failure said. */
  public String awaitClosed() throws InterruptedException {
    connection.channel().closeFuture().await();
    return connection.handler().closeReason();
  }

  /** Whether the connection is open. */
  public boolean isConnected() {
    return connection.isConnected();
  }

  private static <T> List<T> listOf(Class<T> type, Object answer) {
    return ((List<?>) answer).stream().map(type::cast).toList();
  }

  /** Closes the connection; closing again does nothing. */
  @Override
  public void close() {
    ScheduledFuture<?> p = pings;
    if (p != null) {
      p.cancel(false);
    }
    connection.close();
  }
}
