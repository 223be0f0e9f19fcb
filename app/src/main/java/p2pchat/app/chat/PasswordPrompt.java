package p2pchat.app.chat;

import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/** Asks for a password on the terminal without echoing it. */
final class PasswordPrompt {
  private PasswordPrompt() {}

  static String ask(Terminal terminal, String prompt) {
    LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
    try {
      return reader.readLine(prompt, '*');
    } catch (UserInterruptException e) {
      throw new IllegalStateException("cancelled");
    }
  }
}
