package p2pchat.app.chat;

import java.io.IOException;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * An interactive terminal through JLine: line editing, history kept in the profile (commands only,
 * never a message's text: {@link HistoryFilter}), tab completion, and events printed above the line
 * being typed so that it is never garbled.
 */
final class TerminalConsole implements ChatConsole {
  private final Terminal terminal;
  private final LineReader reader;
  private final String prompt;

  TerminalConsole(Terminal terminal, Path historyFile, ChatCompleter completer, String prompt) {
    this.terminal = terminal;
    this.prompt = prompt;
    this.reader =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("p2pchat")
            .completer(completer)
            .history(new CommandHistory())
            .variable(LineReader.HISTORY_FILE, historyFile)
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .build();
  }

  @Override
  public String readLine() {
    try {
      return reader.readLine(prompt);
    } catch (UserInterruptException | EndOfFileException e) {
      return null;
    }
  }

  @Override
  public void print(String line) {
    reader.printAbove(line);
  }

  @Override
  public void close() throws IOException {
    reader.getHistory().save();
    terminal.close();
  }
}
