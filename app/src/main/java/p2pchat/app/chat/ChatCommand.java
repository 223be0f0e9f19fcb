package p2pchat.app.chat;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import p2pchat.app.Passwords;
import p2pchat.peer.Node;
import p2pchat.peer.NodeConfig;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.NodeException;
import p2pchat.peer.friends.FriendsTable;
import p2pchat.peer.profile.Profile;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.protocol.text.Untrusted;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code p2pchat chat}: the terminal client on a node. */
@Command(
    name = "chat",
    mixinStandardHelpOptions = true,
    description =
        "Logs in to a registry (or, with --peers, runs without one) and chats directly with other"
            + " peers. In a terminal: line editing, tab completion and history; with a pipe:"
            + " commands from stdin, one event per line on stdout. Type /help once running.")
public final class ChatCommand implements Callable<Integer> {
  @Option(
      names = "--registry",
      paramLabel = "HOST:PORT",
      description = "The registry to log in to (port 7777 if omitted). Either this or --peers.")
  String registry;

  @Option(
      names = "--peers",
      paramLabel = "FILE",
      description =
          "Run without a registry: FILE lists your friends, one per line as NAME HOST:PORT"
              + " [PEERID]; your own line gives your listen port. Either this or --registry.")
  Path peers;

  @Option(names = "--user", paramLabel = "NAME", required = true, description = "Your user name.")
  String user;

  @Option(names = "--register", description = "Create the account first.")
  boolean register;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "Read the password from the first line of FILE (else P2PCHAT_PASSWORD, else a prompt).")
  Path passwordFile;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      defaultValue = "0.0.0.0:0",
      description =
          "Address for direct connections from peers (default: ${DEFAULT-VALUE}: all interfaces, a free port; with --peers, port 0 means the port of your line in FILE).")
  String listen;

  @Option(
      names = "--profile",
      paramLabel = "DIR",
      description =
          "Profile folder: key, certificate, pinned contacts and registries, history (default: ~/.p2pchat/profiles/NAME).")
  Path profile;

  @Option(
      names = "--registry-id",
      paramLabel = "PEERID",
      description =
          "The registry's fingerprint as it prints it; without it the first one seen is pinned.")
  String registryId;

  @Option(
      names = "--idle-timeout",
      paramLabel = "DURATION",
      defaultValue = "5m",
      description =
          "Close a direct connection idle this long; it reopens on the next message (default: ${DEFAULT-VALUE}).")
  Duration idleTimeout;

  @Option(names = "--plain", description = "Plain lines even in a terminal (as with a pipe).")
  boolean plain;

  @Option(
      names = "--share",
      paramLabel = "DIR",
      description =
          "Share the files of folder DIR with the other users (repeatable; /share adds more).")
  List<Path> shares = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if ((registry == null) == (peers == null)) {
      System.err.println(
          "p2pchat: give either --registry HOST:PORT (log in to a registry) or --peers FILE (run"
              + " without one, with a table of friends)");
      return 2;
    }
    PrintStream stdout = System.out;
    Terminal terminal = plain ? null : interactiveTerminal();
    Path profileDir =
        profile != null
            ? profile
            : Profile.defaultDir(Path.of(System.getProperty("user.home")), user);
    if (peers != null) {
      FriendsTable table;
      try {
        table = FriendsTable.load(peers);
      } catch (IOException e) {
        System.err.println("p2pchat: cannot read the friends table: " + e.getMessage());
        return 2;
      }
      NodeConfig config =
          NodeConfig.serverless(profileDir, user)
              .listening(address(listen, 0))
              .withIdleTimeout(idleTimeout);
      return run(terminal, stdout, events -> Node.start(config, table, events));
    }
    Optional<String> password = Passwords.fromFileOrEnv(passwordFile);
    if (password.isEmpty()) {
      if (terminal == null) {
        System.err.println("p2pchat: " + Passwords.missing());
        return 2;
      }
      password =
          Optional.of(
              PasswordPrompt.ask(
                  terminal,
                  register
                      ? "choose a password for " + user + ": "
                      : "password for " + user + ": "));
    }
    NodeConfig config =
        NodeConfig.of(profileDir, address(registry, 7777), user, password.get())
            .listening(address(listen, 0))
            .withIdleTimeout(idleTimeout);
    if (register) {
      config = config.registering();
    }
    if (registryId != null) {
      config = config.withRegistryId(PeerId.parse(registryId));
    }
    NodeConfig started = config;
    return run(terminal, stdout, events -> Node.start(started, events));
  }

  /** How the node starts: with a registry, or with a friends table. */
  @FunctionalInterface
  private interface Starter {
    Node start(Consumer<NodeEvent> events) throws NodeException;
  }

  private int run(Terminal terminal, PrintStream stdout, Starter starter) throws IOException {
    // Events may arrive while the node is still starting; they wait for the console.
    AtomicReference<ChatConsole> console = new AtomicReference<>();
    List<String> early = new ArrayList<>();
    Node node;
    try {
      node =
          starter.start(
              event -> {
                String line = EventFormat.line(event).orElse(null);
                if (line == null) {
                  return;
                }
                synchronized (early) {
                  ChatConsole c = console.get();
                  if (c == null) {
                    early.add(line);
                  } else {
                    c.print(line);
                  }
                }
              });
    } catch (NodeException e) {
      // The registry's refusal (a ban's reason, say) may be in the message.
      System.err.println("p2pchat: " + Untrusted.show(String.valueOf(e.getMessage())));
      if (terminal != null) {
        terminal.close();
      }
      return 1;
    }
    try (ChatConsole c =
        terminal != null
            ? new TerminalConsole(
                terminal,
                node.profile().historyFile(),
                new ChatCompleter(() -> names(node), node::groupNames),
                user + "> ")
            : new PipeConsole(System.in, stdout)) {
      synchronized (early) {
        early.forEach(c::print);
        early.clear();
        console.set(c);
      }
      ChatCommands commands = new ChatCommands(node, c::print);
      shares.forEach(node::share);
      String line;
      while ((line = c.readLine()) != null) {
        if (commands.run(line) == ChatCommands.Next.QUIT) {
          break;
        }
      }
      c.print("* bye");
    } finally {
      node.quit();
    }
    return 0;
  }

  private static List<String> names(Node node) {
    List<String> names = new ArrayList<>(node.friendNames());
    node.users().forEach((PeerInfo p) -> names.add(p.name()));
    return names;
  }

  /** A real terminal, or null when stdin or stdout is not one (then plain lines are used). */
  private static Terminal interactiveTerminal() throws IOException {
    Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build();
    if (terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
      terminal.close();
      return null;
    }
    return terminal;
  }

  static InetSocketAddress address(String text, int defaultPort) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      return new InetSocketAddress(text, defaultPort);
    }
    String host = text.substring(0, colon).replace("[", "").replace("]", "");
    try {
      return new InetSocketAddress(
          host.isEmpty() ? "0.0.0.0" : host, Integer.parseInt(text.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not HOST:PORT");
    }
  }

  static {
    // Keep JLine quiet about falling back to a dumb terminal: that is the pipe mode, on purpose.
    java.util.logging.Logger.getLogger("org.jline").setLevel(java.util.logging.Level.SEVERE);
  }
}
