package p2pchat.bench.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import p2pchat.bench.scenario.RegistrySessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench registry-sessions}. */
@Command(
    name = "registry-sessions",
    mixinStandardHelpOptions = true,
    description =
        "Ramps N authenticated TLS sessions with heartbeats onto one registry (in its own JVM),"
            + " reports the handshake and login rates, heap and RSS per session, and whether every"
            + " session stays live through a hold period.")
public final class RegistrySessionsCommand implements Callable<Integer> {
  @Mixin Output output;
  @Mixin RegistryOptions registry;

  @Option(
      names = "--sessions",
      description = "Sessions to ramp up to (default: ${DEFAULT-VALUE}; the target is 100000).",
      defaultValue = "10000")
  int sessions;

  @Option(
      names = "--hold",
      converter = Converters.Durations.class,
      description = "How long to hold them (default: ${DEFAULT-VALUE}).",
      defaultValue = "15s")
  Duration hold;

  @Option(
      names = "--heartbeat-timeout",
      converter = Converters.Durations.class,
      description =
          "The registry's heartbeat timeout; clients ping every third of it (default:"
              + " ${DEFAULT-VALUE}).",
      defaultValue = "10s")
  Duration heartbeatTimeout;

  @Option(
      names = "--concurrency",
      description = "Handshakes or logins in flight at once (default: ${DEFAULT-VALUE}).",
      defaultValue = "128")
  int concurrency;

  @Override
  public Integer call() throws Exception {
    return registry.run(
        output,
        print ->
            RegistrySessions.run(
                new RegistrySessions.Params(
                    sessions,
                    hold,
                    heartbeatTimeout,
                    registry.threads,
                    concurrency,
                    registry.registryHeap,
                    registry.jfr),
                print));
  }
}
