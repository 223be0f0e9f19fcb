package p2pchat.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import p2pchat.bench.report.Result;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options of the scenarios that load a registry in its own JVM (its heap, the load client's
 * threads, JFR), and how those scenarios run: with the registry's request log off, the table
 * printed to the command's output and the JSON written by {@link Output}.
 */
final class RegistryOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--threads",
      description = "Load-client event-loop threads (default: ${DEFAULT-VALUE}).",
      defaultValue = "2")
  int threads;

  @Option(
      names = "--registry-heap",
      description = "The registry JVM's -Xmx (default: ${DEFAULT-VALUE}).",
      defaultValue = "4g")
  String registryHeap;

  @Option(
      names = "--jfr",
      paramLabel = "FILE",
      description = "Record the registry JVM with JFR (profile settings) into FILE.")
  Path jfr;

  /** Runs {@code scenario} printing to the command's output; returns the exit status. */
  int run(Output output, Scenario scenario) throws Exception {
    Output.quietLogs();
    PrintWriter print = command.commandLine().getOut();
    return output.finish(scenario.run(print), print);
  }

  /** A scenario's run, printing its progress to {@code print}. */
  @FunctionalInterface
  interface Scenario {
    Result run(PrintWriter print) throws Exception;
  }
}
