package p2pchat.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;

/**
 * Three `p2pchat chat --peers FILE` processes with no registry at all, a static table of friends,
 * driven through stdin: they chat in both directions, idle connections close and reopen, and a
 * process presenting a PeerId other than the table's is refused both ways.
 */
class ServerlessEndToEndTest {
  @TempDir Path home;

  private final Map<String, Integer> ports = new HashMap<>();
  private final Map<String, PeerId> ids = new HashMap<>();

  /** Makes {@code name}'s profile (so that its PeerId can go in a table) and picks a port. */
  private void user(String name) throws Exception {
    ids.put(name, Identity.loadOrCreate(home.resolve(".p2pchat/profiles/" + name)).peerId());
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ports.put(name, s.getLocalPort());
    }
  }

  private String line(String name, PeerId id) {
    return name + "  127.0.0.1:" + ports.get(name) + (id == null ? "" : "  " + id);
  }

  private LaunchedProcess chat(String user, Path table) throws Exception {
    LaunchedProcess p =
        LaunchedProcess.start(
            home,
            Map.of(),
            "chat",
            "--peers",
            table.toString(),
            "--user",
            user,
            "--idle-timeout",
            "1s");
    p.awaitLine(l -> l.startsWith("* serverless as " + user), Duration.ofSeconds(90));
    return p;
  }

  @Test
  void threeFriendsChatWithoutARegistry() throws Exception {
    for (String name : List.of("alice", "bob", "carol", "dave")) {
      user(name);
    }
    // bob's PeerId is not in the table: pinned on first contact. The "dave" in it is not who runs.
    PeerId notDaves = Identity.generate("the real dave").peerId();
    Path table = home.resolve("friends.txt");
    Files.write(
        table,
        List.of(
            "# our friends: name host:port [peerid]",
            line("alice", ids.get("alice")),
            line("bob", null) + "   # PeerId pinned on first contact",
            line("carol", ids.get("carol")),
            line("dave", notDaves)));
    Path davesTable = home.resolve("daves-friends.txt");
    Files.write(davesTable, List.of(line("alice", null), line("dave", null)));

    try (LaunchedProcess alice = chat("alice", table);
        LaunchedProcess bob = chat("bob", table);
        LaunchedProcess carol = chat("carol", table);
        LaunchedProcess dave = chat("dave", davesTable)) {
      alice.awaitLine(
          "* serverless as alice (PeerId "
              + ids.get("alice")
              + "), listening on port "
              + ports.get("alice")
              + " of every interface; friends: bob, carol, dave");

      // Both directions between each pair, with no request to accept first.
      alice.type("bob/hello bob");
      bob.awaitLine("[alice] hello bob");
      bob.type("alice/hi alice");
      alice.awaitLine("[bob] hi alice");
      carol.type("alice/carol here");
      alice.awaitLine("[carol] carol here");
      alice.type("/msg carol hello carol");
      carol.awaitLine("[alice] hello carol");
      bob.type("carol/bob to carol");
      carol.awaitLine("[bob] bob to carol");
      carol.type("bob/carol to bob");
      bob.awaitLine("[carol] carol to bob");

      // Quiet connections close after the idle timeout; the next message opens one again.
      awaitIdle(alice, "bob");
      alice.type("/users");
      alice.awaitLine(
          l -> l.matches("  bob  127\\.0\\.0\\.1:\\d+  not connected  PeerId .*pinned.*"),
          Duration.ofSeconds(10));
      bob.type("alice/after a pause");
      alice.awaitLine("[bob] after a pause");
      alice.type("bob/and back");
      bob.awaitLine("[alice] and back");

      // dave presents a PeerId other than the one alice's table holds: refused both ways.
      alice.type("dave/are you dave?");
      alice.awaitLine(
          "! WARNING: the peer at 127.0.0.1:"
              + ports.get("dave")
              + " is not dave: it presented PeerId "
              + ids.get("dave")
              + ", but your friends table holds "
              + notDaves
              + " for dave; refused");
      dave.type("alice/let me in");
      alice.awaitLine(
          l ->
              l.startsWith("! WARNING: refused a connection from 127.0.0.1:")
                  && l.endsWith(
                      "claiming to be dave: it presented PeerId "
                          + ids.get("dave")
                          + ", but your friends table requires "
                          + notDaves
                          + " for dave"),
          Duration.ofSeconds(30));
      dave.awaitLine("error: alice refused the connection: refused a connection from");
      assertThat(dave.saw("are you dave?")).isFalse();
      assertThat(alice.saw("let me in")).isFalse();

      for (LaunchedProcess p : new LaunchedProcess[] {alice, bob, carol}) {
        p.type("/quit");
        assertThat(p.awaitExit(Duration.ofSeconds(20))).isZero();
      }
      assertThat(bob.lines()).noneMatch(l -> l.startsWith("error:") || l.startsWith("!"));
      assertThat(carol.lines()).noneMatch(l -> l.startsWith("error:") || l.startsWith("!"));
    }
  }

  @Test
  void aTableThatCannotBeUsedIsReportedWithTheLine() throws Exception {
    user("alice");
    Path broken = home.resolve("broken.txt");
    Files.write(broken, List.of("# friends", "bob 127.0.0.1"));
    Path withoutAlice = home.resolve("without-alice.txt");
    Files.write(withoutAlice, List.of("bob 127.0.0.1:7002"));

    assertThat(fails("chat", "--peers", broken.toString(), "--user", "alice"))
        .contains(
            "p2pchat: cannot read the friends table: "
                + broken
                + " line 2: \"127.0.0.1\" is not HOST:PORT");
    assertThat(fails("chat", "--peers", withoutAlice.toString(), "--user", "alice"))
        .contains(
            "p2pchat: "
                + withoutAlice
                + " has no line for alice: add one (alice HOST:PORT) to say where you listen");
    assertThat(fails("chat", "--user", "alice"))
        .contains(
            "p2pchat: give either --registry HOST:PORT (log in to a registry) or --peers FILE");
  }

  private String fails(String... args) throws Exception {
    try (LaunchedProcess p = LaunchedProcess.start(home, Map.of(), args)) {
      assertThat(p.awaitExit(Duration.ofSeconds(90)))
          .as("exit status; output %s", p.lines())
          .isNotZero();
      return String.join("\n", p.lines());
    }
  }

  /** Waits until {@code p} shows its conversation with {@code friend} open but idle. */
  private static void awaitIdle(LaunchedProcess p, String friend) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              p.type("/peers");
              assertThat(p.saw("  " + friend + " (open, idle)")).isTrue();
            });
  }
}
