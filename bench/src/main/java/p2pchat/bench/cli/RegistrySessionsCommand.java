package p2pchat.bench.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import p2pchat.bench.scenario.RegistrySessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench registry-sessions}. */
@Command(
    name = "registry-sessions",
    mixinStandardHelpOptions = true,
    description =
        "Ramps N authenticated TLS sessions with heartbeats onto one registry (in its own JVM),"
            + " reports the handshake and login rates, heap and RSS per session, and whether every"
            + " session stays live through a hold period.")
public final class RegistrySessionsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin Output output;

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
      names = "--threads",
      description = "Load-client event-loop threads (default: ${DEFAULT-VALUE}).",
      defaultValue = "2")
  int threads;

  @Option(
      names = "--concurrency",
      description = "Handshakes or logins in flight at once (default: ${DEFAULT-VALUE}).",
      defaultValue = "128")
  int concurrency;

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
    var result =
        RegistrySessions.run(
            new RegistrySessions.Params(
                sessions, hold, heartbeatTimeout, threads, concurrency, registryHeap, jfr),
            print);
    return output.finish(result, print);
  }
}
