package p2pchat.bench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The benchmarks without the rest of the command line: {@code java -cp ...
 * p2pchat.bench.cli.BenchMain SCENARIO}. The same subcommands are {@code p2pchat bench SCENARIO}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks that print a table and write a JSON result.",
    subcommands = {
      RegistrySessionsCommand.class,
      RegistryRequestsCommand.class,
      PresenceFanoutCommand.class,
      ChatLatencyCommand.class,
      FileTransferCommand.class,
      CodecCommand.class
    })
public final class BenchMain implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Without the app's logging setup: warnings only, before anything logs.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "p2pchat-bench-logback.xml");
    }
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
