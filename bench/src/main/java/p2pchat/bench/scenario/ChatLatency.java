package p2pchat.bench.scenario;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import p2pchat.bench.registry.BenchRegistries;
import p2pchat.bench.report.Histogram;
import p2pchat.bench.report.Result;
import p2pchat.bench.report.Table;
import p2pchat.bench.scenario.chat.NodePingPong;
import p2pchat.bench.scenario.chat.TcpPingPong;
import p2pchat.bench.scenario.chat.TlsPingPong;
import p2pchat.registry.RegistryServer;

/**
 * {@code chat-latency}: a small chat message's round trip between two real nodes over their direct
 * TLS connection, and messages per second one way; alongside, in the same run, the same ping-pong
 * over a plain TCP socket (the floor) and over p2pchat's wire stack alone (Netty, TLS 1.3 and the
 * frame codec, without the node around it), to show where the time goes.
 */
public final class ChatLatency {
  /**
   * @param roundTrips round trips measured (after the warm-up)
   * @param warmup round trips not measured, first
   * @param messages messages sent one way for the throughput figure
   * @param textBytes the chat text's length in bytes
   */
  public record Params(int roundTrips, int warmup, int messages, int textBytes) {}

  /**
   * What one ping-pong measured: round trips (ns), the JVM's voluntary context switches per
   * measured round trip (-1 if unknown), and one-way messages per second (-1 if not measured).
   */
  public record Measured(
      Histogram roundTrips, double switchesPerRoundTrip, double messagesPerSecond) {}

  private ChatLatency() {}

  public static Result run(Params p, PrintWriter log) throws Exception {
    Result r = new Result("chat-latency");
    r.parameter("roundTrips", p.roundTrips())
        .parameter("warmup", p.warmup())
        .parameter("messages", p.messages())
        .parameter("textBytes", p.textBytes());
    String text = "x".repeat(p.textBytes());

    log.println("chat-latency: plain TCP ping-pong, busy-polling (the floor)...");
    log.flush();
    Measured tcp = TcpPingPong.run(text, p.warmup(), p.roundTrips(), p.messages(), true);
    log.println("chat-latency: plain TCP ping-pong, blocking threads...");
    log.flush();
    Measured blocking = TcpPingPong.run(text, p.warmup(), p.roundTrips(), p.messages(), false);
    log.println("chat-latency: Netty + TLS 1.3 + frame codec ping-pong...");
    log.flush();
    Measured tls = TlsPingPong.run(text, p.warmup(), p.roundTrips(), p.messages());
    log.println("chat-latency: two p2pchat nodes over their direct TLS link...");
    log.flush();
    NodePingPong.Both nodes;
    Path dir = Files.createTempDirectory("p2pchat-bench-chat-");
    try (RegistryServer registry =
        RegistryServer.start(
            BenchRegistries.config(
                dir.resolve("registry"), Duration.ofSeconds(30), Duration.ofSeconds(30)))) {
      nodes = NodePingPong.run(registry, dir, text, p.warmup(), p.roundTrips(), p.messages());
    } finally {
      deleteTree(dir);
    }

    section(r, "plain TCP, spinning (floor)", tcp);
    section(r, "plain TCP, blocking", blocking);
    section(r, "Netty+TLS+codec", tls);
    Measured node = nodes.fromListener();
    section(r, "p2pchat nodes", node);
    section(r, "nodes, caller thread", nodes.fromCaller());
    double floorP50 = Table.millis(tcp.roundTrips().percentile(50));
    double nodeP50 = Table.millis(node.roundTrips().percentile(50));
    double nodeP99 = Table.millis(node.roundTrips().percentile(99));
    r.target(
        "targets",
        "node p50 / TCP floor p50",
        nodeP50 / floorP50,
        "x",
        "<= 2",
        nodeP50 <= 2 * floorP50);
    r.atMost("targets", "node round trip p99", nodeP99, "ms", 1.0);
    r.note(
        "a round trip: one side sends a "
            + p.textBytes()
            + "-byte chat text, the other answers with the same text as soon as it has it; the"
            + " nodes' round trip is from Node.send to the MessageReceived event (the path a user"
            + " interface sees), all in one JVM; alice sends the next text from her event listener"
            + " (\"p2pchat nodes\", a bot's path) or, in \"nodes, caller thread\", from a thread of"
            + " her own that waits for her listener to hand it the answer (a user interface's path,"
            + " one hand-off more on alice's side)");
    r.note(
        "the floor spins: both threads busy-poll non-blocking sockets, so a round trip is the"
            + " kernel's loopback path alone; with blocking threads it also includes waking two"
            + " sleeping threads, which costs more than the network path on an idle virtual machine"
            + " (a halted virtual CPU must be woken)");
    r.note(
        "thread wake-ups: the voluntary context switches of all the JVM's threads during the"
            + " measured round trips, per round trip (Linux /proc): each is a thread that blocked"
            + " and was woken, so it counts the hand-offs between threads on the path");
    r.note(
        "one way: the sender sends as fast as its API takes them, each message written and flushed"
            + " on its own (as the node does), timed until the receiver has the last");
    return r.finish();
  }

  private static void section(Result r, String section, Measured m) {
    r.latencies(section, "round trip", m.roundTrips(), true);
    if (m.switchesPerRoundTrip() >= 0) {
      r.metric(section, "thread wake-ups per round trip", m.switchesPerRoundTrip(), "switches");
    }
    if (m.messagesPerSecond() >= 0) {
      r.metric(section, "one way", m.messagesPerSecond(), "messages/s");
    }
  }

  static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // A temp folder left behind is harmless.
    }
  }

  /** Waits for {@code f} up to {@code seconds}, saying {@code what} timed out. */
  public static <T> T await(CompletableFuture<T> f, long seconds, String what) throws Exception {
    try {
      return f.get(seconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(what + " did not finish within " + seconds + " s", e);
    }
  }
}
