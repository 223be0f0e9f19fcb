package p2pchat.app.chat;

import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Completes command names, then user names (online users and conversation partners). */
final class ChatCompleter implements Completer {
  private final Supplier<List<String>> names;

  ChatCompleter(Supplier<List<String>> names) {
    this.names = names;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    if (line.wordIndex() == 0) {
      for (String command : ChatCommands.NAMES) {
        candidates.add(new Candidate(command));
      }
      for (String name : names.get()) {
        candidates.add(new Candidate(name + "/", name + "/", null, null, null, null, false));
      }
    } else if (line.wordIndex() == 1 && ChatCommands.takesName(line.words().get(0))) {
      for (String name : names.get()) {
        candidates.add(new Candidate(name));
      }
    }
  }
}
