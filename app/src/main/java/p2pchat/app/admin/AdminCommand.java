package p2pchat.app.admin;

import java.io.Console;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import p2pchat.app.Passwords;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.text.Untrusted;
import p2pchat.protocol.tls.PeerIdPolicy;
import p2pchat.registry.client.AdminClient;
import p2pchat.registry.client.KnownRegistries;
import p2pchat.registry.client.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code p2pchat admin}: an operator's command line. Logs in to a registry over its TLS port with
 * an admin identity (made by {@code p2pchat registry admin-create}) and runs one subcommand. The
 * connection options may come before or after the subcommand.
 */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description =
        "Administers a running registry as an operator: sessions, kick, ban, unban, a user's"
            + " request history, the live request log. Log in with an admin identity made by"
            + " `p2pchat registry admin-create`; chat accounts are refused.",
    subcommands = {
      AdminCommand.Sessions.class,
      AdminCommand.Kick.class,
      AdminCommand.Ban.class,
      AdminCommand.Unban.class,
      AdminCommand.History.class,
      AdminCommand.Log.class
    })
public final class AdminCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(
      names = "--registry",
      paramLabel = "HOST:PORT",
      defaultValue = "localhost:7777",
      scope = ScopeType.INHERIT,
      description = "The registry (default: ${DEFAULT-VALUE}; port 7777 if omitted).")
  String registry;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      scope = ScopeType.INHERIT,
      description = "Your operator name (required).")
  String user;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description =
          "Read the password from the first line of FILE (else P2PCHAT_PASSWORD, else a prompt).")
  Path passwordFile;

  @Option(
      names = "--registry-id",
      paramLabel = "PEERID",
      scope = ScopeType.INHERIT,
      description =
          "The registry's fingerprint as it prints it; without it the first one seen is pinned.")
  String registryId;

  @Option(
      names = "--profile",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description =
          "Operator profile: key, certificate, pinned registries (default: ~/.p2pchat/admin/NAME).")
  Path profile;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      scope = ScopeType.INHERIT,
      description = "How long to wait for the registry (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Connects and logs in as the operator the options name; throws with a sentence. */
  AdminClient connect() throws Exception {
    if (user == null) {
      throw new ParameterException(
          spec.commandLine(), "--user NAME is required: the operator to log in as");
    }
    Optional<String> password = Passwords.fromFileOrEnv(passwordFile);
    if (password.isEmpty()) {
      Console console =
          Terminals.console().orElseThrow(() -> new IllegalStateException(Passwords.missing()));
      char[] typed = console.readPassword("password for admin %s: ", user);
      if (typed == null) {
        throw new IllegalStateException("no password given");
      }
      password = Optional.of(new String(typed));
    }
    Path dir =
        profile != null
            ? profile
            : Path.of(System.getProperty("user.home"), ".p2pchat", "admin")
                .resolve(user.toLowerCase(Locale.ROOT));
    Files.createDirectories(dir);
    Identity identity = Identity.loadOrCreate(dir);
    InetSocketAddress address = address(registry);
    PeerIdPolicy policy =
        registryId != null
            ? PeerIdPolicy.pinned(PeerId.parse(registryId))
            : new KnownRegistries(dir.resolve(KnownRegistries.FILE_NAME))
                .policyFor(address.getHostString() + ":" + address.getPort());
    AdminClient client = AdminClient.connect(address, identity, policy, timeout);
    try {
      client.login(user, password.get());
      return client;
    } catch (RegistryException e) {
      client.close();
      throw e;
    }
  }

  private static InetSocketAddress address(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      return new InetSocketAddress(text, 7777);
    }
    try {
      return new InetSocketAddress(
          text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not HOST:PORT");
    }
  }

  private static void print(PrintWriter out, List<String> lines) {
    lines.forEach(line -> out.println(Untrusted.show(line)));
    out.flush();
  }

  /** {@code p2pchat admin sessions}. */
  @Command(
      name = "sessions",
      mixinStandardHelpOptions = true,
      description =
          "Every live session: id, user, address and port as the registry sees them, listen"
              + " port, visible or not, since when, last heard from, PeerId.")
  static final class Sessions implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand AdminCommand admin;

    @Override
    public Integer call() throws Exception {
      try (AdminClient client = admin.connect()) {
        print(spec.commandLine().getOut(), AdminFormat.sessions(client.sessions(), Instant.now()));
      }
      return 0;
    }
  }

  /** {@code p2pchat admin kick NAME [--reason TEXT]}. */
  @Command(
      name = "kick",
      mixinStandardHelpOptions = true,
      description =
          "Ends NAME's session: NAME is told and does not log in again by itself; everyone else"
              + " online is told who was kicked and why.")
  static final class Kick implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand AdminCommand admin;

    @Parameters(paramLabel = "NAME", description = "The user to kick.")
    String name;

    @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "", description = "Why.")
    String reason;

    @Override
    public Integer call() throws Exception {
      try (AdminClient client = admin.connect()) {
        client.kick(name, reason);
      }
      spec.commandLine()
          .getOut()
          .println(
              "kicked "
                  + name
                  + (reason.isBlank() ? "" : " (" + reason + ")")
                  + "; everyone online was told");
      return 0;
    }
  }

  /** {@code p2pchat admin ban NAME [--reason TEXT]}. */
  @Command(
      name = "ban",
      mixinStandardHelpOptions = true,
      description = "Bans account NAME: it cannot log in until unbanned; an online session ends.")
  static final class Ban implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand AdminCommand admin;

    @Parameters(paramLabel = "NAME", description = "The account to ban.")
    String name;

    @Option(
        names = "--reason",
        paramLabel = "TEXT",
        defaultValue = "",
        description = "Why; shown to NAME when a login is refused.")
    String reason;

    @Override
    public Integer call() throws Exception {
      try (AdminClient client = admin.connect()) {
        client.ban(name, reason);
      }
      spec.commandLine().getOut().println("banned " + name + ": they cannot log in until unbanned");
      return 0;
    }
  }

  /** {@code p2pchat admin unban NAME}. */
  @Command(name = "unban", mixinStandardHelpOptions = true, description = "Lifts NAME's ban.")
  static final class Unban implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand AdminCommand admin;

    @Parameters(paramLabel = "NAME", description = "The account to unban.")
    String name;

    @Override
    public Integer call() throws Exception {
      try (AdminClient client = admin.connect()) {
        client.unban(name);
      }
      spec.commandLine().getOut().println("unbanned " + name + ": they can log in again");
      return 0;
    }
  }

  /** {@code p2pchat admin history NAME [--limit N]}. */
  @Command(
      name = "history",
      mixinStandardHelpOptions = true,
      description =
          "The requests NAME's clients sent to the registry, newest first: time, session, request,"
              + " arguments (never a password), outcome. admin:NAME shows an operator's, @console"
              + " the registry console's.")
  static final class History implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand AdminCommand admin;

    @Parameters(paramLabel = "NAME", description = "The user.")
    String name;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "20",
        description = "How many requests (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws Exception {
      if (limit < 1) {
        throw new ParameterException(spec.commandLine(), "--limit must be at least 1");
      }
      try (AdminClient client = admin.connect()) {
        print(spec.commandLine().getOut(), AdminFormat.history(name, client.history(name, limit)));
      }
      return 0;
    }
  }

  /** {@code p2pchat admin log --follow}. */
  @Command(
      name = "log",
      mixinStandardHelpOptions = true,
      description =
          "With --follow: every request the registry handles, one line each, as it happens, until"
              + " Ctrl-C. The registry keeps no backlog: without --follow this says so (status 2).")
  static final class Log implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand AdminCommand admin;

    @Option(names = "--follow", description = "Follow the live request log.")
    boolean follow;

    @Override
    public Integer call() throws Exception {
      if (!follow) {
        // The registry keeps no backlog of its log lines (FollowLog sends those from now on, and
        // the history is kept per user), so there is nothing recent to print and exit with.
        spec.commandLine()
            .getErr()
            .println(
                "p2pchat: the registry keeps no recent log lines to show: p2pchat admin log"
                    + " --follow prints each request from now on (Ctrl-C stops), p2pchat admin"
                    + " history NAME shows the past requests of NAME, and the registry's standard"
                    + " output holds its whole log");
        return 2;
      }
      PrintWriter out = spec.commandLine().getOut();
      AdminClient client = admin.connect();
      try {
        client.follow(
            line -> {
              // The registry makes its lines safe; a registry of another build may not.
              synchronized (out) {
                out.println(Untrusted.show(line));
                out.flush();
              }
            });
        spec.commandLine()
            .getErr()
            .println("following the request log of " + admin.registry + "; Ctrl-C stops");
        String why = client.awaitClosed();
        spec.commandLine().getErr().println("p2pchat: " + Untrusted.show(why));
        return 1;
      } finally {
        client.close();
      }
    }
  }
}
