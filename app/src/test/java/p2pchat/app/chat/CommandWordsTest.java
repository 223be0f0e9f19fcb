package p2pchat.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A command typed with more words than it takes is refused with a sentence and does nothing (there
 * is no node here: a command that reached it would throw); one whose last argument is free text
 * takes the rest of the line.
 */
class CommandWordsTest {
  private final List<String> printed = new ArrayList<>();
  private final ChatCommands commands = new ChatCommands(null, printed::add);

  @Test
  void aGroupNameOfTwoWordsIsRefusedAndNoGroupIsCreated() {
    assertThat(commands.run("/group create my team")).isEqualTo(ChatCommands.Next.CONTINUE);

    assertThat(printed).containsExactly("error: a group name is one word: /group create NAME");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/users bob",
        "/refresh now",
        "/chat bob carol",
        "/accept bob carol",
        "/decline bob carol",
        "/close bob carol",
        "/groups all",
        "/group invite team bob carol",
        "/group accept my team",
        "/group decline my team",
        "/group leave my team",
        "/group members my team",
        "/shares mine",
        "/files bob carol",
        "/transfers all",
        "/cancel 2 3",
        "/peers all",
        "/whoami really",
        "/visible now",
        "/invisible now",
        "/logout now",
        "/login again",
        "/quit now",
        "/exit now",
        "/help group"
      })
  void everyCommandOfFixedWordsRefusesOneMore(String line) {
    String command = line.split(" ")[0];

    assertThat(commands.run(line)).isEqualTo(ChatCommands.Next.CONTINUE);

    assertThat(printed).hasSize(1);
    assertThat(printed.get(0)).startsWith("error: ").contains(command);
  }

  @Test
  void everyCommandOfTheHelpIsCoveredOrTakesFreeText() {
    List<String> freeText =
        List.of("/msg", "/all", "/g", "/run", "/share", "/unshare", "/search", "/get", "/group");
    for (String command : ChatCommands.NAMES) {
      if (!freeText.contains(command)) {
        assertThat(CommandWords.refusal(new String[] {command, "one", "two"}))
            .as("the refusal of %s with two words too many", command)
            .isPresent();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/msg bob hello there bob",
        "/all hello everyone at once",
        "/g team hello the team",
        "/run bob ls -l /tmp",
        "/share ~/My Music",
        "/unshare My Music",
        "/search holiday photos 2025",
        "/get bob films/the holiday.mkv --to /data/my films",
        "/chat bob",
        "/group create team",
        "/group invite team bob",
        "/files",
        "/files bob",
        "/cancel 2",
        "/quit"
      })
  void freeTextAndTheRightCountAreNotRefused(String line) {
    assertThat(CommandWords.refusal(line.split("\\s+"))).isEmpty();
  }
}
