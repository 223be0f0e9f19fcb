package p2pchat.bench.cli;

import java.util.List;
import java.util.concurrent.Callable;
import p2pchat.bench.scenario.PresenceFanout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench presence-fanout}. */
@Command(
    name = "presence-fanout",
    mixinStandardHelpOptions = true,
    description =
        "With N online, the time from a login until every other peer has seen it announced"
            + " (p50/p99/max), for each N given.")
public final class PresenceFanoutCommand implements Callable<Integer> {
  @Mixin Output output;
  @Mixin RegistryOptions registry;

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

  @Override
  public Integer call() throws Exception {
    List<Integer> sizes = online.stream().sorted().toList();
    if (sizes.get(0) < 2) {
      throw new IllegalArgumentException("--online sizes must be at least 2");
    }
    return registry.run(
        output,
        print ->
            PresenceFanout.run(
                new PresenceFanout.Params(
                    sizes, trials, registry.threads, registry.registryHeap, registry.jfr),
                print));
  }
}
