package p2pchat.bench.scenario.chat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import p2pchat.bench.report.Histogram;
import p2pchat.bench.scenario.ChatLatency;
import p2pchat.bench.scenario.ChatLatency.Measured;
import p2pchat.peer.Node;
import p2pchat.peer.NodeConfig;
import p2pchat.peer.NodeEvent;
import p2pchat.registry.RegistryServer;

/**
 * Two real nodes, alice and bob, logged in to a registry in this JVM, chatting over their direct
 * TLS link through the public Node API: alice sends, bob answers each message from his event
 * handler, alice times the MessageReceived event. Alice sends the next message first from her event
 * handler (a bot's path), then from a thread of her own that waits for the answer (the path of a
 * user interface, whose thread is not the node's).
 */
public final class NodePingPong {
  private NodePingPong() {}

  /** What the bench does with the events of one node. */
  private static final class Side {
    volatile java.util.function.Consumer<NodeEvent> handler = e -> {};

    void accept(NodeEvent e) {
      handler.accept(e);
    }
  }

  /** The round trips with alice sending from her event handler, and from a thread of her own. */
  public record Both(Measured fromListener, Measured fromCaller) {}

  public static Both run(
      RegistryServer registry, Path dir, String text, int warmup, int roundTrips, int messages)
      throws Exception {
    InetSocketAddress at = registry.address();
    Side aliceSide = new Side();
    Side bobSide = new Side();
    String password = "bench-password";
    try (Node bob = Node.start(config(dir, at, registry, "bob", password), bobSide::accept);
        Node alice = Node.start(config(dir, at, registry, "alice", password), aliceSide::accept)) {
      CompletableFuture<Void> open = new CompletableFuture<>();
      bobSide.handler =
          e -> {
            if (e instanceof NodeEvent.ChatRequested r) {
              bob.accept(r.from());
            }
          };
      aliceSide.handler =
          e -> {
            if (e instanceof NodeEvent.ConversationOpened) {
              open.complete(null);
            } else if (e instanceof NodeEvent.Failed f) {
              open.completeExceptionally(new IllegalStateException(f.text()));
            }
          };
      alice.requestChat("bob");
      ChatLatency.await(open, 60, "opening the conversation");

      // Round trips: bob echoes, alice times and sends the next from her event handler.
      Histogram h = new Histogram();
      CompletableFuture<Void> pinged = new CompletableFuture<>();
      AtomicInteger sent = new AtomicInteger();
      long[] t0 = new long[1];
      long[] switches = new long[1];
      int total = warmup + roundTrips;
      bobSide.handler =
          e -> {
            if (e instanceof NodeEvent.MessageReceived m) {
              bob.send(m.from(), m.text());
            }
          };
      aliceSide.handler =
          e -> {
            if (e instanceof NodeEvent.MessageReceived) {
              long now = System.nanoTime();
              if (sent.get() > warmup) {
                h.record(now - t0[0]);
              }
              if (sent.get() == warmup) {
                switches[0] = ContextSwitches.now();
              }
              if (sent.get() < total) {
                sent.incrementAndGet();
                t0[0] = System.nanoTime();
                alice.send("bob", text);
              } else {
                pinged.complete(null);
              }
            } else if (e instanceof NodeEvent.MessageDropped d) {
              pinged.completeExceptionally(new IllegalStateException(d.why()));
            }
          };
      sent.incrementAndGet();
      t0[0] = System.nanoTime();
      alice.send("bob", text);
      ChatLatency.await(pinged, 600, "the node ping-pong");
      double perRoundTrip = ContextSwitches.per(switches[0], roundTrips);

      // Round trips again, alice sending from this thread and waiting for her handler's word.
      Histogram fromCaller = new Histogram();
      SynchronousQueue<NodeEvent> answers = new SynchronousQueue<>();
      aliceSide.handler =
          e -> {
            if (e instanceof NodeEvent.MessageReceived || e instanceof NodeEvent.MessageDropped) {
              try {
                answers.put(e);
              } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
              }
            }
          };
      long callerSwitches = 0;
      for (int i = 0; i < total; i++) {
        if (i == warmup) {
          callerSwitches = ContextSwitches.now();
        }
        long start = System.nanoTime();
        alice.send("bob", text);
        NodeEvent answer = answers.poll(60, TimeUnit.SECONDS);
        if (!(answer instanceof NodeEvent.MessageReceived)) {
          throw new IllegalStateException("no answer from bob: " + answer);
        }
        if (i >= warmup) {
          fromCaller.record(System.nanoTime() - start);
        }
      }
      double callerPerRoundTrip = ContextSwitches.per(callerSwitches, roundTrips);

      // One way: alice sends them all, bob counts.
      CompletableFuture<Long> received = new CompletableFuture<>();
      AtomicInteger count = new AtomicInteger();
      bobSide.handler =
          e -> {
            if (e instanceof NodeEvent.MessageReceived && count.incrementAndGet() == messages) {
              received.complete(System.nanoTime());
            }
          };
      aliceSide.handler = e -> {};
      long start = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        alice.send("bob", text);
      }
      long end = ChatLatency.await(received, 600, "the one-way burst");
      return new Both(
          new Measured(h, perRoundTrip, messages * 1e9 / (end - start)),
          new Measured(fromCaller, callerPerRoundTrip, -1));
    }
  }

  private static NodeConfig config(
      Path dir, InetSocketAddress at, RegistryServer registry, String name, String password) {
    return NodeConfig.of(dir.resolve(name), at, name, password)
        .registering()
        .listening(new InetSocketAddress("127.0.0.1", 0))
        .withRegistryId(registry.peerId());
  }
}
