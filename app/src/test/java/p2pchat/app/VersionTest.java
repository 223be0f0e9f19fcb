package p2pchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code -V} prints the same version line at every level of the command line, never nothing. */
class VersionTest {
  /** Every command that has a {@code -V} option, with the words that reach it. */
  private static List<List<String>> commandsWithVersion(CommandLine cli, List<String> words) {
    List<List<String>> found = new ArrayList<>();
    if (cli.getCommandSpec().findOption("-V") != null) {
      found.add(words);
    }
    cli.getSubcommands()
        .forEach(
            (name, sub) -> {
              List<String> deeper = new ArrayList<>(words);
              deeper.add(name);
              found.addAll(commandsWithVersion(sub, deeper));
            });
    return found;
  }

  private static String run(List<String> args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute(args.toArray(String[]::new))).as("status of %s", args).isZero();
    return out.toString().strip();
  }

  @Test
  void everyCommandPrintsTheVersionOfTheBuild() {
    List<List<String>> commands = commandsWithVersion(Main.commandLine(), List.of());
    // p2pchat, registry, registry admin-create, chat, admin and its six subcommands at least.
    assertThat(commands).hasSizeGreaterThanOrEqualTo(11);
    String top = run(List.of("-V"));
    assertThat(top).matches("p2pchat \\S+ \\(p2pchat/\\S+, wire protocol \\d+, Java .+\\)");
    assertThat(top).doesNotContain("unknown build");
    for (List<String> command : commands) {
      List<String> args = new ArrayList<>(command);
      args.add("-V");
      assertThat(run(args)).as("p2pchat %s", String.join(" ", args)).isEqualTo(top);
    }
  }
}
