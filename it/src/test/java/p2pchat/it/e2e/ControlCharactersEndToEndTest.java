package p2pchat.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the launcher: what one user sends with terminal escapes in it (a broadcast, a message, a
 * file name, a search) reaches the other user's screen and the registry's log with the escapes
 * shown, and not one ESC byte, line break or bidi override of it reaches their output.
 */
class ControlCharactersEndToEndTest {
  private static final String ESC = "\u001b";

  @TempDir Path home;

  @Test
  void escapesFromOnePeerAreShownNotObeyedOnTheOthersScreenAndInTheRegistryLog() throws Exception {
    Path shared = Files.createDirectories(home.resolve("share"));
    // (a shared path may hold no C0 control nor DEL: the index refuses them)
    Files.writeString(shared.resolve("a\u009b2Jb\u202Etxt.exe"), "x");
    RunningRegistry registry = RunningRegistry.start(home, home.resolve("registry-data"), 0);
    try (LaunchedProcess registryProcess = registry.process();
        LaunchedProcess alice = registry.chat(home, "alice", "--share", shared.toString());
        LaunchedProcess bob = registry.chat(home, "bob")) {
      alice.awaitLine("* sharing ");

      alice.type("/all plain " + ESC + "[31mRED" + ESC + "[0m " + ESC + "[2J");
      bob.awaitLine("[alice to all] plain \\e[31mRED\\e[0m \\e[2J");

      alice.type("bob/hi" + ESC + "]0;pwned\u0007 \u202Egnp.exe");
      bob.awaitLine("* alice asks to chat");
      bob.type("/accept alice");
      bob.awaitLine("[alice] hi\\e]0;pwned\\x07 \\u202egnp.exe");

      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                bob.type("/files alice");
                return bob.saw("share/a\\x9b2Jb\\u202etxt.exe");
              });
      bob.type("/search b" + ESC + "[2J");
      registryProcess.awaitLine(
          l -> l.contains("request=SearchFiles[") && l.contains("text=b\\e[2J"),
          Duration.ofSeconds(30));
      bob.type("/quit");
      bob.awaitExit(Duration.ofSeconds(20));

      for (List<String> output : List.of(bob.lines(), alice.lines(), registryProcess.lines())) {
        assertThat(output)
            .allSatisfy(l -> assertThat(l).doesNotContain(ESC, "\r", "\u0007", "\u009b", "\u202E"));
        // the launcher's log configuration (which makes every log line safe) loads without a word
        assertThat(output).noneMatch(l -> l.contains("ch.qos.logback"));
      }
    }
  }
}
