package p2pchat.app.chat;

import java.util.Map;
import java.util.Optional;

/**
 * How many words each console command takes when its last argument is not free text, and the
 * sentence that refuses more: {@code /group create my team} must not quietly create {@code #my}.
 * Commands whose last argument is free text ({@code /msg NAME TEXT}, {@code /share DIR}, a path
 * with spaces) are not listed: they take the rest of the line.
 */
final class CommandWords {
  /** At most {@code most} words after the command (after the subcommand for {@code /group}). */
  private record Rule(int most, String refusal) {}

  private static final Map<String, Rule> COMMANDS =
      Map.ofEntries(
          none("/users"),
          none("/refresh"),
          name("/chat"),
          name("/accept"),
          name("/decline"),
          name("/close"),
          none("/groups"),
          none("/shares"),
          Map.entry("/files", new Rule(1, "a user name is one word: /files [NAME]")),
          none("/transfers"),
          Map.entry("/cancel", new Rule(1, "/cancel takes one transfer number: /cancel ID")),
          none("/peers"),
          none("/whoami"),
          none("/visible"),
          none("/invisible"),
          none("/logout"),
          none("/login"),
          none("/quit"),
          none("/exit"),
          none("/help"));

  private static final Map<String, Rule> GROUP =
      Map.of(
          "create", group("create"),
          "invite",
              new Rule(
                  2, "a group name and a user name are one word each: /group invite NAME USER"),
          "accept", group("accept"),
          "decline", group("decline"),
          "leave", group("leave"),
          "members", group("members"));

  private CommandWords() {}

  /**
   * The sentence that refuses {@code words} (the command first, then what followed it, split at
   * white space) when they hold more than the command takes; empty when the count is not too high
   * (too few is for the command itself to say) or the command takes free text.
   */
  static Optional<String> refusal(String[] words) {
    if (words.length == 0) {
      return Optional.empty();
    }
    Rule rule;
    int given;
    if (words[0].equals("/group")) {
      rule = words.length > 1 ? GROUP.get(words[1]) : null;
      given = words.length - 2;
    } else {
      rule = COMMANDS.get(words[0]);
      given = words.length - 1;
    }
    return rule != null && given > rule.most() ? Optional.of(rule.refusal()) : Optional.empty();
  }

  private static Map.Entry<String, Rule> none(String command) {
    return Map.entry(command, new Rule(0, command + " takes nothing after it: " + command));
  }

  private static Map.Entry<String, Rule> name(String command) {
    return Map.entry(command, new Rule(1, "a user name is one word: " + command + " NAME"));
  }

  private static Rule group(String sub) {
    return new Rule(1, "a group name is one word: /group " + sub + " NAME");
  }
}
