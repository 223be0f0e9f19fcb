package p2pchat.app;

import p2pchat.bench.cli.ChatLatencyCommand;
import p2pchat.bench.cli.CodecCommand;
import p2pchat.bench.cli.FileTransferCommand;
import p2pchat.bench.cli.PresenceFanoutCommand;
import p2pchat.bench.cli.RegistryRequestsCommand;
import p2pchat.bench.cli.RegistrySessionsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code p2pchat bench SCENARIO}: the benchmarks of the bench module, one subcommand each. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks that talk only to 127.0.0.x: each prints a table and writes a JSON result."
            + " See docs/BENCHMARKS.md.",
    subcommands = {
      RegistrySessionsCommand.class,
      RegistryRequestsCommand.class,
      PresenceFanoutCommand.class,
      ChatLatencyCommand.class,
      FileTransferCommand.class,
      CodecCommand.class
    })
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
