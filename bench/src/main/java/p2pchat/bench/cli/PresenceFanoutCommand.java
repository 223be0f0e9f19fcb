package p2pchat.bench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import p2pchat.bench.scenario.PresenceFanout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench presence-fanout}. */
@Command(
    name = "presence-fanout",
    mixinStandardHelpOptions = true,
    description =
        "With N online, the time from a login until every other peer has seen it announced"
            + " (p50/p99/max), for each N given.")
public final class PresenceFanoutCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin Output output;

  @Option(
      names = "--online",
      split = ",",
      description = "Sizes of the online list, comma-separated (default: ${DEFAULT-VALUE}).",
      defaultValue = "1000,10000")
  List<Integer> online;

  @Option(
      names = "--trials",
      description = "Logins timed at each size (default: ${DEFAULT-VALUE}).",
      defaultValue = "20")
  int trials;

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

  @Override
  public Integer call() throws Exception {
    Output.quietLogs();
    var print = spec.commandLine().getOut();
    List<Integer> sizes = online.stream().sorted().toList();
    if (sizes.get(0) < 2) {
      throw new IllegalArgumentException("--online sizes must be at least 2");
    }
    var result =
        PresenceFanout.run(
            new PresenceFanout.Params(sizes, trials, threads, registryHeap, jfr), print);
    return output.finish(result, print);
  }
}
