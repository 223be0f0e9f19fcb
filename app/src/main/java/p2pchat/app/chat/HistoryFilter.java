package p2pchat.app.chat;

import java.util.Optional;
import java.util.Set;

/**
 * What of a typed line the terminal's history file may keep: commands, never the text of a message.
 * A message ({@code NAME/text}, {@code #GROUP/text}) is not kept at all; a command that carries a
 * text keeps only its command word and its target ({@code /msg bob}, {@code /g team}, {@code /run
 * bob}, {@code /all}), so that recalling it is still a start; any other known command is kept
 * whole, and an unknown one (a mistyped {@code /msg}, say) keeps only its command word.
 */
final class HistoryFilter {
  /** The commands whose words after their target are a text someone reads (or runs). */
  private static final Set<String> TEXT_AFTER_TARGET = Set.of("/msg", "/g", "/run");

  private HistoryFilter() {}

  /** The form of {@code line} the history keeps, or empty when nothing of it may be kept. */
  static Optional<String> kept(String line) {
    String trimmed = line.strip();
    if (!trimmed.startsWith("/")) {
      return Optional.empty();
    }
    String[] words = trimmed.split("\\s+", 3);
    String command = words[0];
    if (TEXT_AFTER_TARGET.contains(command)) {
      return Optional.of(words.length > 1 ? command + " " + words[1] : command);
    }
    if (command.equals("/all") || !ChatCommands.NAMES.contains(command)) {
      return Optional.of(command);
    }
    return Optional.of(trimmed);
  }
}
