package p2pchat.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when `p2pchat chat` cannot start: a sentence and a failing exit status. */
class ChatErrorsEndToEndTest {
  @TempDir Path home;

  private static String run(Path home, Map<String, String> env, String... args) throws Exception {
    try (LaunchedProcess p = LaunchedProcess.start(home, env, args)) {
      int status = p.awaitExit(Duration.ofSeconds(60));
      assertThat(status).as("exit status; output %s", p.lines()).isNotZero();
      return String.join("\n", p.lines());
    }
  }

  @Test
  void unreachableRegistryUnknownUserWrongPasswordAndNoPassword() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    assertThat(
            run(
                home,
                Map.of("P2PCHAT_PASSWORD", "whatever1"),
                "chat",
                "--registry",
                "127.0.0.1:" + closedPort,
                "--user",
                "alice"))
        .contains("p2pchat: registry 127.0.0.1:" + closedPort + " is unreachable");

    RunningRegistry registry = RunningRegistry.start(home, home.resolve("data"), 0);
    try (LaunchedProcess r = registry.process()) {
      assertThat(
              run(
                  home,
                  Map.of("P2PCHAT_PASSWORD", "whatever1"),
                  "chat",
                  "--registry",
                  registry.address(),
                  "--user",
                  "nobody"))
          .contains("p2pchat: there is no account named nobody; register it first");

      try (LaunchedProcess alice =
          LaunchedProcess.start(
              home,
              Map.of("P2PCHAT_PASSWORD", "right password"),
              "chat",
              "--registry",
              registry.address(),
              "--user",
              "alice",
              "--register")) {
        alice.awaitLine("* logged in as alice");
        alice.type("/quit");
        alice.awaitExit(Duration.ofSeconds(20));
      }
      assertThat(
              run(
                  home,
                  Map.of("P2PCHAT_PASSWORD", "wrong password"),
                  "chat",
                  "--registry",
                  registry.address(),
                  "--user",
                  "alice"))
          .contains("p2pchat: wrong password for alice");
      assertThat(run(home, Map.of(), "chat", "--registry", registry.address(), "--user", "alice"))
          .contains("no password given: use --password-file FILE or set P2PCHAT_PASSWORD");
      assertThat(
              run(
                  home,
                  Map.of("P2PCHAT_PASSWORD", "short"),
                  "chat",
                  "--registry",
                  registry.address(),
                  "--user",
                  "bob",
                  "--register"))
          .contains("passwords must have at least 8 characters");
    }
  }
}
