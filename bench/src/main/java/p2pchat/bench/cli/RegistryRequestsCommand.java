package p2pchat.bench.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import p2pchat.bench.scenario.RegistryRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench registry-requests}. */
@Command(
    name = "registry-requests",
    mixinStandardHelpOptions = true,
    description =
        "Lookups, then online-list refreshes, from many concurrent sessions with a few requests in"
            + " flight each: requests per second and p50/p99 round trips.")
public final class RegistryRequestsCommand implements Callable<Integer> {
  @Mixin Output output;
  @Mixin RegistryOptions registry;

  @Option(
      names = "--sessions",
      description = "Sessions sending requests (default: ${DEFAULT-VALUE}).",
      defaultValue = "2000")
  int sessions;

  @Option(
      names = "--visible",
      description =
          "How many of them are visible: the online list's length and the names looked up"
              + " (default: ${DEFAULT-VALUE}).",
      defaultValue = "1000")
  int visible;

  @Option(
      names = "--duration",
      converter = Converters.Durations.class,
      description = "How long the lookup phase runs (default: ${DEFAULT-VALUE}).",
      defaultValue = "10s")
  Duration duration;

  @Option(
      names = "--list-duration",
      converter = Converters.Durations.class,
      description = "How long the online-list phase runs; 0s skips it (default: ${DEFAULT-VALUE}).",
      defaultValue = "10s")
  Duration listDuration;

  @Option(
      names = "--depth",
      description = "Lookups each session keeps in flight (default: ${DEFAULT-VALUE}).",
      defaultValue = "8")
  int depth;

  @Option(
      names = "--list-depth",
      description =
          "Online-list refreshes each session keeps in flight (default: ${DEFAULT-VALUE}).",
      defaultValue = "1")
  int listDepth;

  @Override
  public Integer call() throws Exception {
    return registry.run(
        output,
        print ->
            RegistryRequests.run(
                new RegistryRequests.Params(
                    sessions,
                    visible,
                    duration,
                    listDuration,
                    depth,
                    listDepth,
                    registry.threads,
                    registry.registryHeap,
                    registry.jfr),
                print));
  }
}
