package p2pchat.bench.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.slf4j.LoggerFactory;
import p2pchat.bench.report.Result;
import picocli.CommandLine.Option;

/** Options every scenario shares: where the JSON goes. Prints the table and writes the file. */
final class Output {
  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "Where to write the JSON result (default: bench-results/SCENARIO-DATE-TIME.json).")
  Path out;

  /** Turns off the registry's one-line-per-request log: it would measure the console. */
  static void quietLogs() {
    if (LoggerFactory.getLogger("p2pchat.registry.requests") instanceof Logger logback) {
      logback.setLevel(Level.OFF);
    }
  }

  /** Prints {@code r} and writes its JSON; returns the exit status. */
  int finish(Result r, PrintWriter print) throws IOException {
    r.print(print);
    Path file =
        out != null
            ? out
            : Path.of(
                "bench-results",
                r.scenario()
                    + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                    + ".json");
    r.write(file);
    print.println("result written to " + file.toAbsolutePath().normalize());
    print.flush();
    return 0;
  }
}
