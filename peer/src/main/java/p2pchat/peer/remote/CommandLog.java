package p2pchat.peer.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.text.Untrusted;

/**
 * The local log of remote command requests, {@code commands.log} in the profile folder: one line
 * per request, allowed or refused, appended as it is decided and again when it ends.
 */
final class CommandLog {
  private static final Logger LOG = LoggerFactory.getLogger(CommandLog.class);

  /** File name inside a profile folder. */
  static final String FILE_NAME = "commands.log";

  private final Path file;

  CommandLog(Path profileDir) {
    this.file = profileDir.resolve(FILE_NAME);
  }

  /** Appends one line: when, who (name and PeerId), what was asked, and what became of it. */
  synchronized void write(String user, PeerId peerId, String request, String outcome) {
    // The request is quoted; the outcome may hold its words (argv) too, and a control character
    // there must not forge a line of the log nor reach the terminal of whoever reads it.
    String line =
        Untrusted.show(
                Instant.now()
                    + " user="
                    + user
                    + " peer="
                    + peerId
                    + " request="
                    + quote(request)
                    + " "
                    + outcome)
            + System.lineSeparator();
    try {
      Files.writeString(
          file,
          line,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      LOG.warn("cannot write {}: {}; the line was: {}", file, e.getMessage(), line.strip());
    }
  }

  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
