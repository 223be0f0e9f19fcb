package p2pchat.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import p2pchat.registry.LoginThrottle;
import p2pchat.registry.RegistryConfig;
import p2pchat.registry.RegistryServer;
import p2pchat.registry.store.PasswordHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code p2pchat registry}: runs a registry until Ctrl-C. */
@Command(
    name = "registry",
    mixinStandardHelpOptions = true,
    description =
        "Runs a registry: accounts, who is online, and where to reach them. Keeps its database"
            + " (SQLite) and TLS identity in the data folder; prints its port and fingerprint at"
            + " start and one line per request while it runs. Ctrl-C stops it.")
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
      names = "--login-failures-per-account",
      description =
          "Failed logins of one account before lockouts start (default: ${DEFAULT-VALUE}).",
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

  @Override
  public Integer call() throws Exception {
    Path dataDir =
        data != null ? data : Path.of(System.getProperty("user.home"), ".p2pchat", "registry");
    RegistryConfig config =
        new RegistryConfig(
            host,
            port,
            udpPort,
            dataDir,
            heartbeatTimeout,
            loginTimeout,
            p2pchat.protocol.Limits.MAX_PEERS_PER_PAGE,
            new LoginThrottle.Settings(accountFailures, addressFailures, lockout, lockoutMax),
            PasswordHasher.DEFAULT);
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
    out.println("Press Ctrl-C to stop.");
    out.flush();
    stopped.await();
    return 0;
  }
}
