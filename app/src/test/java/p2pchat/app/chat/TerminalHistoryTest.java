package p2pchat.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terminal console's history file keeps commands, never the text of a message. */
class TerminalHistoryTest {
  @TempDir Path dir;

  @Test
  void messagesTypedAreNotWrittenToTheHistoryFile() throws Exception {
    Path history = dir.resolve("history");
    List<String> read =
        type(
            history,
            "bob/the secret plan",
            "/msg bob hush hush",
            "#team/group secret",
            "/g team whisper",
            "/all shout",
            "/users");
    assertThat(read).hasSize(6); // every line still reached the client
    String file = Files.readString(history);
    assertThat(file).doesNotContain("secret", "hush", "whisper", "shout");
    assertThat(lines(history)).containsExactly("/msg bob", "/g team", "/all", "/users");
  }

  @Test
  void anOlderHistoryFileLosesItsMessagesWhenLoaded() throws Exception {
    Path history = dir.resolve("history");
    Files.writeString(
        history,
        "1700000000000:bob/old secret\n"
            + "1700000000001:/users\n"
            + "1700000000002:/msg bob old hush\n"
            + "1700000000003:alice/two\\nlines secret\n");
    type(history, "/peers");
    assertThat(Files.readString(history)).doesNotContain("secret", "hush");
    assertThat(lines(history)).containsExactly("/users", "/msg bob", "/peers");
  }

  /** Types {@code lines} at a console on {@code history}, closes it; returns what it read. */
  private static List<String> type(Path history, String... lines) throws Exception {
    String input = String.join("\n", lines) + "\n";
    Terminal terminal =
        TerminalBuilder.builder()
            .system(false)
            .streams(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream())
            .type(Terminal.TYPE_DUMB)
            .build();
    List<String> read = new ArrayList<>();
    try (TerminalConsole console =
        new TerminalConsole(terminal, history, new ChatCompleter(List::of, List::of), "> ")) {
      String line;
      while ((line = console.readLine()) != null) {
        read.add(line);
      }
    }
    return read;
  }

  /** The lines of JLine's history file, without their time stamps. */
  private static List<String> lines(Path history) throws Exception {
    return Files.readAllLines(history).stream().map(l -> l.substring(l.indexOf(':') + 1)).toList();
  }
}
