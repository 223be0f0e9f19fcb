package p2pchat.it.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's console on the registry process itself: commands typed into its stdin. */
class RegistryConsoleEndToEndTest {
  @TempDir Path home;

  @Test
  void sessionsHistoryAndKickTypedAtTheRegistry() throws Exception {
    RunningRegistry registry = RunningRegistry.start(home, home.resolve("registry-data"), 0);
    try (LaunchedProcess registryProcess = registry.process();
        LaunchedProcess alice =
            LaunchedProcess.start(
                home,
                Map.of("P2PCHAT_PASSWORD", "alice-password"),
                "chat",
                "--registry",
                registry.address(),
                "--registry-id",
                registry.fingerprint(),
                "--user",
                "alice",
                "--register",
                "--listen",
                "127.0.0.1:0")) {
      alice.awaitLine(l -> l.startsWith("* logged in as alice"), Duration.ofSeconds(90));

      registryProcess.type("sessions");
      registryProcess.awaitLine(
          l -> l.matches("SESSION +USER +ADDRESS +LISTEN +VISIBLE +SINCE +LAST HEARD +PEERID"),
          Duration.ofSeconds(30));
      registryProcess.awaitLine(
          l -> l.matches("[0-9a-f]{16} +alice +127\\.0\\.0\\.1:\\d+ +\\d+ +yes .*"),
          Duration.ofSeconds(30));
      registryProcess.awaitLine("1 session (1 visible)");

      registryProcess.type("history alice");
      registryProcess.awaitLine(
          l -> l.matches("\\d{4}-.* +Register +name=alice +ok"), Duration.ofSeconds(30));

      registryProcess.type("kick alice time for a break");
      registryProcess.awaitLine("kicked alice (time for a break)");
      alice.awaitLine("* logged out: kicked by an operator: time for a break");
      registryProcess.awaitLine("user=@console request=Kick[");

      registryProcess.type("frobnicate");
      registryProcess.awaitLine("error: unknown command frobnicate; type help for the list");
      registryProcess.type("help");
      registryProcess.awaitLine("  kick NAME [REASON]");
    }
  }
}
