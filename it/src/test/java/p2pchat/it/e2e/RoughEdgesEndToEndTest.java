package p2pchat.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rough edges of issue 17 through the launcher: extra words refused, a cancel of a finished
 * download, {@code -V} of every command, {@code admin history} of a name nobody has and {@code
 * admin log} without {@code --follow}.
 */
class RoughEdgesEndToEndTest {
  private static final String ADMIN_PASSWORD = "operator secret";
  private static final Duration RUN = Duration.ofSeconds(90);

  private static final String VERSION =
      "p2pchat \\S+ \\(p2pchat/\\S+, wire protocol \\d+, Java .+\\)";

  @TempDir Path home;

  /** How {@code ./p2pchat args...} ended: its status and output. */
  private record Run(int status, List<String> lines) {}

  /**
   * Runs {@code ./p2pchat args...} to its end, once it has printed a line containing {@code last}
   * (the output is read on a thread of its own, which may lag behind the exit).
   */
  private Run run(Map<String, String> env, String last, String... args) throws Exception {
    try (LaunchedProcess p = LaunchedProcess.start(home, env, args)) {
      p.awaitLine(l -> l.contains(last), RUN);
      int status = p.awaitExit(RUN);
      return new Run(status, p.lines());
    }
  }

  @Test
  void everyCommandPrintsTheVersion() throws Exception {
    for (List<String> command :
        List.of(
            List.of("-V"),
            List.of("chat", "-V"),
            List.of("registry", "--version"),
            List.of("registry", "admin-create", "-V"),
            List.of("admin", "-V"),
            List.of("admin", "history", "-V"))) {
      try (LaunchedProcess p =
          LaunchedProcess.start(home, Map.of(), command.toArray(String[]::new))) {
        p.awaitLine(l -> l.matches(VERSION), RUN);
        assertThat(p.awaitExit(RUN)).as("%s", command).isZero();
        assertThat(p.lines()).as("%s", command).noneMatch(String::isBlank);
      }
    }
  }

  @Test
  void extraWordsAreRefusedAndAFinishedTransferCannotBeCancelled() throws Exception {
    Path shared = Files.createDirectories(home.resolve("alice-share"));
    Files.writeString(shared.resolve("readme.txt"), "hello from alice\n");
    Path downloads = home.resolve("bob-downloads");
    RunningRegistry registry = RunningRegistry.start(home, home.resolve("registry-data"), 0);
    try (LaunchedProcess registryProcess = registry.process();
        LaunchedProcess alice = registry.chat(home, "alice", "--share", shared.toString());
        LaunchedProcess bob = registry.chat(home, "bob")) {
      // A group name of two words: refused, and no group #my.
      bob.type("/group create my team");
      bob.awaitLine("error: a group name is one word: /group create NAME");
      bob.type("/groups");
      bob.awaitLine("no groups; /group create NAME starts one");
      bob.type("/chat alice carol");
      bob.awaitLine("error: a user name is one word: /chat NAME");
      assertThat(alice.saw("bob asks to chat")).isFalse();

      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                bob.type("/files");
                return bob.saw("alice-share/readme.txt");
              });
      bob.type("/get alice alice-share/readme.txt --to " + downloads);
      bob.awaitLine("* transfer #1 done: readme.txt from alice");
      bob.type("/cancel 1");
      bob.awaitLine(
          "error: transfer #1 (readme.txt) is already done: saved as "
              + downloads.resolve("readme.txt"));
      assertThat(downloads.resolve("readme.txt")).hasContent("hello from alice");
      bob.type("/cancel 7");
      bob.awaitLine("error: there is no transfer #7; /transfers lists them");

      bob.type("/quit");
      assertThat(bob.awaitExit(Duration.ofSeconds(20))).isZero();
      alice.type("/quit");
      assertThat(alice.awaitExit(Duration.ofSeconds(20))).isZero();
    }
  }

  @Test
  void theHistoryOfNobodyIsAnErrorAndTheLogWithoutFollowSaysWhereToLook() throws Exception {
    Path data = home.resolve("registry-data");
    RunningRegistry registry = RunningRegistry.start(home, data, 0);
    try (LaunchedProcess registryProcess = registry.process()) {
      Map<String, String> env = Map.of("P2PCHAT_PASSWORD", ADMIN_PASSWORD);
      Run created =
          run(
              env,
              "admin root created",
              "registry",
              "admin-create",
              "root",
              "--data",
              data.toString());
      assertThat(created.status()).as("%s", created.lines()).isZero();
      String[] asRoot = {
        "admin",
        "--registry",
        registry.address(),
        "--registry-id",
        registry.fingerprint(),
        "--user",
        "root"
      };

      Run nobody = run(env, "p2pchat:", concat(asRoot, "history", "nobody"));
      assertThat(nobody.status()).isEqualTo(1);
      assertThat(nobody.lines()).contains("p2pchat: there is no account named nobody");

      Run root = run(env, "AdminCreate", concat(asRoot, "history", "admin:root"));
      assertThat(root.status()).as("%s", root.lines()).isZero();
      assertThat(root.lines()).anyMatch(l -> l.contains("AdminCreate"));

      Run log = run(env, "p2pchat:", concat(asRoot, "log"));
      assertThat(log.status()).isEqualTo(2);
      assertThat(log.lines())
          .filteredOn(l -> l.startsWith("p2pchat: the registry"))
          .singleElement()
          .asString()
          .startsWith("p2pchat: the registry keeps no recent log lines to show")
          .contains("p2pchat admin log --follow");
    }
  }

  private static String[] concat(String[] head, String... tail) {
    String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }
}
