package p2pchat.peer.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.Limits;
import p2pchat.protocol.message.PeerMessage.RunRefused.Reason;
import p2pchat.protocol.message.PeerMessage.RunRequest;

/** The commands.conf format, and what it allows: nothing unless switched on, exactly the list. */
class CommandsConfigTest {
  private static final Path FILE = Path.of("commands.conf");

  @TempDir Path dir;

  private static CommandsConfig parse(String... lines) throws IOException {
    return CommandsConfig.parse(FILE, List.of(lines));
  }

  @Test
  void noFileMeansOff() throws IOException {
    assertThat(CommandsConfig.load(dir)).isEqualTo(CommandsConfig.OFF);
    assertThat(CommandsConfig.OFF.enabled()).isFalse();
  }

  @Test
  void aFullConfigIsRead() throws IOException {
    Files.writeString(
        dir.resolve("commands.conf"),
        """
        # a comment
        enabled = true
        users = Bob, carol   # who may ask
        time-limit = 500ms
        output-limit = 1000000
        max-running = 3
        answer-timeout = 2m
        command disk = /bin/df -h {/[a-z/#]*}
        """);

    CommandsConfig config = CommandsConfig.load(dir);

    assertThat(config.enabled()).isTrue();
    assertThat(config.users()).containsExactlyInAnyOrder("bob", "carol");
    assertThat(config.allows("BOB")).isTrue();
    assertThat(config.timeLimit()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.outputLimit()).isEqualTo(Limits.MAX_RUN_OUTPUT_BYTES);
    assertThat(config.maxRunning()).isEqualTo(3);
    assertThat(config.answerTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.command("disk").orElseThrow().arguments()).isEqualTo(1);
  }

  @Test
  void mistakesAreRefusedWithTheLine() {
    assertThatThrownBy(() -> parse("enabled = true", "command x = uptime"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("commands.conf line 2: command x: the program must be an absolute");
    assertThatThrownBy(() -> parse("command x = /bin/echo {[a-z}"))
        .hasMessageStartingWith("commands.conf line 1: the argument pattern {[a-z} is not");
    assertThatThrownBy(() -> parse("enabled = maybe"))
        .hasMessage("commands.conf line 1: \"maybe\" is not true or false");
    assertThatThrownBy(() -> parse("shell = /bin/sh"))
        .hasMessage("commands.conf line 1: unknown setting \"shell\"");
    assertThatThrownBy(() -> parse("time-limit = forever"))
        .hasMessage(
            "commands.conf line 1: time-limit must be like 500ms, 10s or 5m, not \"forever\"");
    assertThatThrownBy(() -> parse("answer-timeout = 0s"))
        .hasMessage("commands.conf line 1: answer-timeout must be more than 0");
    assertThatThrownBy(() -> parse("command a b = /bin/true"))
        .hasMessageContaining("\"a b\" is not a command name");
  }

  @Test
  void onlyListedUsersCommandsAndMatchingArgumentsAreAllowed() throws IOException {
    CommandsConfig config =
        parse("enabled = true", "users = alice", "command greet = /bin/echo hello {[a-z]{1,8}}");

    assertThat(decide(config, "alice", "greet", "bob"))
        .isEqualTo(new RemoteCommands.Decision.Run(List.of("/bin/echo", "hello", "bob")));
    assertRefused(decide(config, "mallory", "greet", "bob"), Reason.USER_NOT_ALLOWED);
    assertRefused(decide(config, "alice", "rm", "x"), Reason.COMMAND_NOT_ALLOWED);
    assertRefused(decide(config, "alice", "greet", "Bob"), Reason.ARGUMENTS_NOT_ALLOWED);
    assertRefused(decide(config, "alice", "greet"), Reason.ARGUMENTS_NOT_ALLOWED);
    assertRefused(decide(config, "alice", "greet", "a", "b"), Reason.ARGUMENTS_NOT_ALLOWED);
    for (String sneaky : List.of("a;b", "a|b", "$(id)", "`id`", "a&&b", "a>b", "a\nb", "*", "~")) {
      assertRefused(decide(config, "alice", "greet", sneaky), Reason.ARGUMENTS_NOT_ALLOWED);
    }
    assertRefused(decide(config, "alice", "greet;id", "bob"), Reason.ARGUMENTS_NOT_ALLOWED);
    assertRefused(
        decide(parse("users = alice", "command greet = /bin/echo"), "alice", "greet"),
        Reason.NOT_ENABLED);
  }

  private static RemoteCommands.Decision decide(
      CommandsConfig config, String user, String command, String... arguments) {
    return RemoteCommands.decide(config, user, new RunRequest(1, command, List.of(arguments)));
  }

  private static void assertRefused(RemoteCommands.Decision decision, Reason reason) {
    assertThat(decision).isInstanceOf(RemoteCommands.Decision.Refuse.class);
    assertThat(((RemoteCommands.Decision.Refuse) decision).reason()).isEqualTo(reason);
  }
}
