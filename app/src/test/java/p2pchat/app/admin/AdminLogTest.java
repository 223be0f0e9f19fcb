package p2pchat.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import p2pchat.app.Main;
import picocli.CommandLine;

/**
 * {@code admin log} without {@code --follow}: the registry keeps no backlog of its log lines, so it
 * says in one sentence where to look instead, without connecting, and exits with status 2.
 */
class AdminLogTest {
  @Test
  void withoutFollowItSaysWhereToLookAndExitsWithStatus2() {
    CommandLine cli = Main.commandLine();
    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(out));

    // No registry listens on port 1: a connection attempt would fail with status 1.
    int status = cli.execute("admin", "--registry", "127.0.0.1:1", "--user", "root", "log");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString().strip())
        .startsWith("p2pchat: the registry keeps no recent log lines to show")
        .contains("p2pchat admin log --follow")
        .contains("p2pchat admin history NAME")
        .doesNotContain("Usage:")
        .hasLineCount(1);
    assertThat(out.toString()).isEmpty();
  }
}
