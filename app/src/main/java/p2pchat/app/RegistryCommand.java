package p2pchat.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import p2pchat.app.admin.RegistryConsole;
import p2pchat.registry.RegistryConfig;
import p2pchat.registry.RegistryServer;
import p2pchat.registry.limits.ConnectionSlots;
import p2pchat.registry.limits.LoginThrottle;
import p2pchat.registry.limits.Rate;
import p2pchat.registry.limits.RateLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code p2pchat registry}: runs a registry until Ctrl-C, with the operator's console on its stdin;
 * {@code p2pchat registry admin-create} creates an operator.
 */
@Command(
    name = "registry",
    mixinStandardHelpOptions = true,
    description =
        "Runs a registry: accounts, who is online, and where to reach them. Keeps its database"
            + " (SQLite) and TLS identity in the data folder; prints its port and fingerprint at"
            + " start and one line per request while it runs. Type 'help' for the operator's"
            + " console commands (sessions, kick, ban, unban, history). Ctrl-C stops it.",
    subcommands = AdminCreateCommand.class)
final class RegistryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--host",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).",
      defaultValue = "0.0.0.0")
  String host;

  @Option(
      names = "--port",
      description = "TCP port for TLS connections; 0 picks a free one (default: ${DEFAULT-VALUE}).",
      defaultValue = "7777")
  int port;

  @Option(
      names = "--udp-port",
      description = "UDP port for heartbeat hellos (default: the TCP port's number).",
      defaultValue = "-1")
  int udpPort;

  @Option(
      names = "--data",
      description = "Data folder: database and identity (default: ~/.p2pchat/registry).")
  Path data;

  @Option(
      names = "--heartbeat-timeout",
      description = "Remove a peer not heard from for this long (default: ${DEFAULT-VALUE}).",
      defaultValue = "30s")
  Duration heartbeatTimeout;

  @Option(
      names = "--login-timeout",
      description =
          "Close a connection not logged in this long after it opened (default: ${DEFAULT-VALUE}).",
      defaultValue = "30s")
  Duration loginTimeout;

  @Option(
      names = "--handshake-timeout",
      description =
          "Close a connection that has not completed TLS this long after it opened (default: ${DEFAULT-VALUE}).",
      defaultValue = "10s")
  Duration handshakeTimeout;

  @Option(
      names = "--max-connections-per-address",
      paramLabel = "N",
      description =
          "Open connections from one address, logged in or not; more are closed at once (default: ${DEFAULT-VALUE}).",
      defaultValue = "50")
  int connectionsPerAddress;

  @Option(
      names = "--max-pending-per-address",
      paramLabel = "N",
      description =
          "Connections from one address that have not logged in yet; more are closed at once (default: ${DEFAULT-VALUE}).",
      defaultValue = "20")
  int pendingPerAddress;

  @Option(
      names = "--max-pending",
      paramLabel = "N",
      description =
          "Connections that have not logged in yet, from all addresses together; more are closed at once (default: ${DEFAULT-VALUE}).",
      defaultValue = "10000")
  int pending;

  @Option(
      names = "--login-rate-per-address",
      paramLabel = "RATE",
      converter = RateConverter.class,
      description =
          "Login attempts from one address: COUNT/DURATION, or off (default: ${DEFAULT-VALUE}).",
      defaultValue = "30/1m")
  Rate loginsPerAddress;

  @Option(
      names = "--login-rate-per-account",
      paramLabel = "RATE",
      converter = RateConverter.class,
      description =
          "Login attempts for one account, from anywhere, by devices not bound to it (default: ${DEFAULT-VALUE}).",
      defaultValue = "10/1m")
  Rate loginsPerAccount;

  @Option(
      names = "--register-rate-per-address",
      paramLabel = "RATE",
      converter = RateConverter.class,
      description = "New accounts from one address (default: ${DEFAULT-VALUE}).",
      defaultValue = "20/1h")
  Rate registrationsPerAddress;

  @Option(
      names = "--request-rate-per-address",
      paramLabel = "RATE",
      converter = RateConverter.class,
      description = "Requests of any kind from one address (default: ${DEFAULT-VALUE}).",
      defaultValue = "600/1m")
  Rate requestsPerAddress;

  @Option(
      names = "--request-rate-per-account",
      paramLabel = "RATE",
      converter = RateConverter.class,
      description = "Requests of any kind from one logged-in account (default: ${DEFAULT-VALUE}).",
      defaultValue = "300/1m")
  Rate requestsPerAccount;

  @Option(
      names = "--history-retention",
      paramLabel = "DURATION",
      description = "How long each user's request history is kept (default: ${DEFAULT-VALUE}).",
      defaultValue = "30d")
  Duration historyRetention;

  @Option(names = "--no-console", description = "Do not read operator commands from stdin.")
  boolean noConsole;

  @Option(
      names = "--login-failures-per-account",
      description =
          "Failed logins of one account from one address, and from anywhere by devices not bound to it, before lockouts start; a device bound to the account is held back only by its own address's failures (default: ${DEFAULT-VALUE}).",
      defaultValue = "3")
  int accountFailures;

  @Option(
      names = "--login-failures-per-address",
      description =
          "Failed logins from one address before lockouts start (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  int addressFailures;

  @Option(
      names = "--login-lockout",
      description =
          "First lockout after too many failures; doubles with each further failure (default: ${DEFAULT-VALUE}).",
      defaultValue = "1s")
  Duration lockout;

  @Option(
      names = "--login-lockout-max",
      description = "Longest lockout (default: ${DEFAULT-VALUE}).",
      defaultValue = "5m")
  Duration lockoutMax;

  /** The data folder when {@code --data} is not given. */
  static Path defaultDataDir() {
    return Path.of(System.getProperty("user.home"), ".p2pchat", "registry");
  }

  /** The registry's configuration as the options say. */
  RegistryConfig config() {
    return RegistryConfig.builder(data != null ? data : defaultDataDir())
        .address(host, port)
        .udpPort(udpPort)
        .heartbeatTimeout(heartbeatTimeout)
        .loginTimeout(loginTimeout)
        .throttle(new LoginThrottle.Settings(accountFailures, addressFailures, lockout, lockoutMax))
        .handshakeTimeout(handshakeTimeout)
        .connections(
            new ConnectionSlots.Settings(connectionsPerAddress, pendingPerAddress, pending))
        .rates(
            new RateLimits.Settings(
                loginsPerAddress,
                loginsPerAccount,
                registrationsPerAddress,
                requestsPerAddress,
                requestsPerAccount))
        .historyRetention(historyRetention)
        .build();
  }

  @Override
  public Integer call() throws Exception {
    RegistryConfig config = config();
    Path dataDir = config.dataDir();
    RegistryServer server = RegistryServer.start(config);
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  out.println("registry stopped");
                  out.flush();
                  stopped.countDown();
                },
                "registry-shutdown"));
    out.println(
        "p2pchat registry listening on "
            + host
            + ":"
            + server.address().getPort()
            + " (TCP, TLS 1.3) and UDP "
            + server.udpPort());
    out.println("fingerprint (PeerId): " + server.peerId());
    out.println("data folder: " + dataDir.toAbsolutePath().normalize());
    out.println(
        noConsole
            ? "Press Ctrl-C to stop."
            : "Type 'help' for the operator's commands; press Ctrl-C to stop.");
    out.flush();
    if (!noConsole) {
      new RegistryConsole(server.admin(), out).start(System.in);
    }
    stopped.await();
    return 0;
  }

  /** Reads rates as {@code 30/1m} or {@code off}. */
  static final class RateConverter implements ITypeConverter<Rate> {
    @Override
    public Rate convert(String value) {
      try {
        return Rate.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
