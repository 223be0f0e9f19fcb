package p2pchat.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real registry process and three real `p2pchat chat` processes, started through the launcher and
 * driven through stdin as a person types, with a fresh home folder.
 */
class ChatEndToEndTest {
  @TempDir Path home;

  @Test
  void threePeopleChatThroughTheLauncher() throws Exception {
    Path data = home.resolve("registry-data");
    RunningRegistry registry = RunningRegistry.start(home, data, 0);
    try (LaunchedProcess registryProcess = registry.process();
        LaunchedProcess carol = registry.chat(home, "carol");
        LaunchedProcess alice = registry.chat(home, "alice");
        LaunchedProcess bob = registry.chat(home, "bob")) {
      // Profiles live under the (fresh) home folder, one per user.
      assertThat(home.resolve(".p2pchat/profiles/alice/identity.crt")).exists();
      assertThat(home.resolve(".p2pchat/profiles/bob/identity.crt")).exists();
      carol.awaitLine("* alice is online");
      carol.awaitLine("* bob is online");

      // A declined request delivers nothing.
      alice.type("bob/never to be read");
      bob.awaitLine("* alice asks to chat");
      bob.type("/decline alice");
      alice.awaitLine("* bob declined your chat request");
      alice.awaitLine("* not delivered to bob: \"never to be read\"");

      // Request, accept, then messages both ways.
      alice.type("/chat bob");
      bob.awaitLine("* alice asks to chat");
      bob.type("/accept alice");
      alice.awaitLine("* bob accepted your chat request");
      alice.type("bob/hello bob, this is alice");
      bob.awaitLine("[alice] hello bob, this is alice");
      bob.type("/msg alice hi alice, bob here");
      alice.awaitLine("[bob] hi alice, bob here");

      // The chat does not pass through the registry: it goes on while the registry is stopped.
      registryProcess.interrupt();
      registryProcess.awaitExit(Duration.ofSeconds(20));
      alice.type("bob/still here without the registry");
      bob.awaitLine("[alice] still here without the registry");
      bob.type("alice/me too");
      alice.awaitLine("[bob] me too");
      assertThat(registryProcess.lines())
          .noneMatch(l -> l.contains("hello bob") || l.contains("without the registry"));

      // The registry comes back on the same port and data; the peers log in again by themselves.
      RunningRegistry again = RunningRegistry.start(home, data, registry.port());
      try (LaunchedProcess registryAgain = again.process()) {
        assertThat(again.fingerprint()).isEqualTo(registry.fingerprint());
        registryAgain.awaitLine(
            l -> l.contains("user=alice request=Login["), Duration.ofSeconds(60));
        registryAgain.awaitLine(l -> l.contains("user=bob request=Login["), Duration.ofSeconds(60));
        registryAgain.awaitLine(
            l -> l.contains("user=carol request=Login["), Duration.ofSeconds(60));

        // Logouts are announced to carol.
        alice.type("/quit");
        assertThat(alice.awaitExit(Duration.ofSeconds(20))).isZero();
        carol.awaitLine("* alice went offline (logout)");
        bob.type("/quit");
        assertThat(bob.awaitExit(Duration.ofSeconds(20))).isZero();
        carol.awaitLine("* bob went offline (logout)");
        assertThat(carol.saw("[alice]") || carol.saw("[bob]")).isFalse();
        assertThat(bob.saw("never to be read")).isFalse();
        assertThat(registryAgain.lines()).noneMatch(l -> l.contains("hello bob"));
      }
    }
  }
}
