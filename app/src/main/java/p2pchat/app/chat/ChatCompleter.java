package p2pchat.app.chat;

import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Completes command names, then user names (online users, friends and conversation partners), and
 * group names after the group commands.
 */
final class ChatCompleter implements Completer {
  private static final List<String> GROUP_COMMANDS =
      List.of("create", "invite", "accept", "decline", "leave", "members");

  private final Supplier<List<String>> names;
  private final Supplier<List<String>> groups;

  ChatCompleter(Supplier<List<String>> names, Supplier<List<String>> groups) {
    this.names = names;
    this.groups = groups;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    int word = line.wordIndex();
    String first = line.words().isEmpty() ? "" : line.words().get(0);
    if (word == 0) {
      for (String command : ChatCommands.NAMES) {
        candidates.add(new Candidate(command));
      }
      for (String name : names.get()) {
        candidates.add(new Candidate(name + "/", name + "/", null, null, null, null, false));
      }
      for (String group : groups.get()) {
        candidates.add(
            new Candidate("#" + group + "/", "#" + group + "/", null, null, null, null, false));
      }
    } else if (word == 1 && ChatCommands.takesName(first)) {
      names.get().forEach(n -> candidates.add(new Candidate(n)));
    } else if (word == 1 && first.equals("/group")) {
      GROUP_COMMANDS.forEach(c -> candidates.add(new Candidate(c)));
    } else if ((word == 1 && first.equals("/g")) || (word == 2 && first.equals("/group"))) {
      groups.get().forEach(g -> candidates.add(new Candidate(g)));
    } else if (word == 3 && first.equals("/group") && line.words().get(1).equals("invite")) {
      names.get().forEach(n -> candidates.add(new Candidate(n)));
    }
  }
}
