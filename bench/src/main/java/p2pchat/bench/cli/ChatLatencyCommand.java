package p2pchat.bench.cli;

import java.util.concurrent.Callable;
import p2pchat.bench.scenario.ChatLatency;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench chat-latency}. */
@Command(
    name = "chat-latency",
    mixinStandardHelpOptions = true,
    description =
        "Round trip of a small chat message between two nodes over their direct TLS link"
            + " (p50/p99/p99.9) and messages per second one way, beside the same over plain TCP"
            + " (the floor) and over Netty+TLS+codec alone.")
public final class ChatLatencyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin Output output;

  @Option(
      names = "--round-trips",
      description = "Round trips measured (default: ${DEFAULT-VALUE}).",
      defaultValue = "20000")
  int roundTrips;

  @Option(
      names = "--warmup",
      description = "Round trips first, not measured (default: ${DEFAULT-VALUE}).",
      defaultValue = "5000")
  int warmup;

  @Option(
      names = "--messages",
      description = "Messages sent one way for the rate (default: ${DEFAULT-VALUE}).",
      defaultValue = "100000")
  int messages;

  @Option(
      names = "--text-bytes",
      description = "Length of the chat text (default: ${DEFAULT-VALUE}).",
      defaultValue = "32")
  int textBytes;

  @Override
  public Integer call() throws Exception {
    Output.quietLogs();
    var print = spec.commandLine().getOut();
    var result =
        ChatLatency.run(new ChatLatency.Params(roundTrips, warmup, messages, textBytes), print);
    return output.finish(result, print);
  }
}
