package p2pchat.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator through the launcher, as the README shows: `p2pchat registry admin-create`, then
 * `p2pchat admin` sessions, kick, history and log --follow against a running registry process with
 * real chat processes logged in; a chat account is refused.
 */
class AdminEndToEndTest {
  private static final String ADMIN_PASSWORD = "operator secret";
  private static final Duration RUN = Duration.ofSeconds(90);

  @TempDir Path home;

  /** Runs {@code ./p2pchat args...} to its end; returns its status and output. */
  private record Run(int status, String output) {}

  private Run run(Map<String, String> env, String... args) throws Exception {
    try (LaunchedProcess p = LaunchedProcess.start(home, env, args)) {
      int status = p.awaitExit(RUN);
      return new Run(status, String.join("\n", p.lines()));
    }
  }

  private String[] admin(RunningRegistry registry, boolean pinned, String... command) {
    List<String> args = new ArrayList<>(List.of("admin", "--registry", registry.address()));
    if (pinned) {
      args.addAll(List.of("--registry-id", registry.fingerprint()));
    }
    args.addAll(List.of(command));
    args.addAll(List.of("--user", "root"));
    return args.toArray(String[]::new);
  }

  private Run asRoot(RunningRegistry registry, String... command) throws Exception {
    return run(Map.of("P2PCHAT_PASSWORD", ADMIN_PASSWORD), admin(registry, true, command));
  }

  @Test
  void anOperatorListsKicksReadsHistoryAndFollowsTheLog() throws Exception {
    Path data = home.resolve("registry-data");
    RunningRegistry registry = RunningRegistry.start(home, data, 0);
    try (LaunchedProcess registryProcess = registry.process()) {
      Run created =
          run(
              Map.of("P2PCHAT_PASSWORD", ADMIN_PASSWORD),
              "registry",
              "admin-create",
              "root",
              "--data",
              data.toString());
      assertThat(created.status()).as(created.output()).isZero();
      assertThat(created.output()).contains("admin root created in " + data);

      try (LaunchedProcess alice = registry.chat(home, "alice");
          LaunchedProcess mallory = registry.chat(home, "mallory");
          LaunchedProcess follow =
              LaunchedProcess.start(
                  home,
                  Map.of("P2PCHAT_PASSWORD", ADMIN_PASSWORD),
                  admin(registry, true, "log", "--follow"))) {
        follow.awaitLine("following the request log of " + registry.address());

        // Sessions: a table with both users, as the registry sees them.
        Run sessions = asRoot(registry, "sessions");
        assertThat(sessions.status()).as(sessions.output()).isZero();
        List<String> table = sessions.output().lines().toList();
        assertThat(table)
            .anyMatch(
                l ->
                    l.matches(
                        "SESSION +USER +ADDRESS +LISTEN +VISIBLE +SINCE +LAST HEARD +PEERID"));
        assertThat(table).anyMatch(l -> l.matches("[0-9a-f]{16} +alice +127\\.0\\.0\\.1:\\d+ .*"));
        assertThat(table)
            .anyMatch(l -> l.matches("[0-9a-f]{16} +mallory +127\\.0\\.0\\.1:\\d+ .*"));
        assertThat(table).contains("2 sessions (2 visible)");

        // The live log shows requests as they happen.
        alice.type("/refresh");
        follow.awaitLine("user=alice request=ListOnline[");

        // A chat account is not an operator.
        Run refused =
            run(
                Map.of("P2PCHAT_PASSWORD", "alice-password"),
                "admin",
                "--registry",
                registry.address(),
                "--registry-id",
                registry.fingerprint(),
                "--user",
                "alice",
                "sessions");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.output()).contains("p2pchat: no admin named alice");

        // Kick: mallory is told and stays out, alice sees who and why.
        Run kicked = asRoot(registry, "kick", "mallory", "--reason", "spamming");
        assertThat(kicked.output()).contains("kicked mallory (spamming); everyone online was told");
        mallory.awaitLine("* logged out: kicked by an operator: spamming (/login to log in again)");
        alice.awaitLine("* mallory was kicked by an operator: spamming");
        follow.awaitLine("user=admin:root request=Kick[");

        // History: alice's requests, newest first, passwords absent.
        Run history = asRoot(registry, "history", "alice", "--limit", "10");
        assertThat(history.status()).as(history.output()).isZero();
        List<String> rows = history.output().lines().toList();
        assertThat(rows).anyMatch(l -> l.matches("TIME +SESSION +REQUEST +ARGUMENTS +OUTCOME"));
        assertThat(
                rows.stream().filter(l -> l.matches("\\d{4}-.*")).map(AdminEndToEndTest::request))
            .containsExactly("ListOnline", "Login", "Register");
        assertThat(history.output()).doesNotContain("alice-password");

        // Without --registry-id the registry is pinned on first use in the operator's profile.
        Run tofu =
            run(Map.of("P2PCHAT_PASSWORD", ADMIN_PASSWORD), admin(registry, false, "sessions"));
        assertThat(tofu.output()).contains("1 session (1 visible)");
        assertThat(home.resolve(".p2pchat/admin/root/known-registries"))
            .content()
            .contains(registry.fingerprint());

        follow.interrupt();
        follow.awaitExit(Duration.ofSeconds(20));
        assertThat(follow.lines()).noneMatch(l -> l.contains(ADMIN_PASSWORD));
        registryProcess.awaitLine("user=admin:root request=Kick[");
        assertThat(registryProcess.lines())
            .noneMatch(l -> l.contains(ADMIN_PASSWORD) || l.contains("alice-password"));
      }
    }
  }

  /** The REQUEST column of a history row. */
  private static String request(String row) {
    return row.split(" {2,}")[2];
  }
}
