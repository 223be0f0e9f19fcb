package p2pchat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.peer.Node;
import p2pchat.peer.NodeConfig;
import p2pchat.peer.NodeEvent;
import p2pchat.registry.RegistryConfig;
import p2pchat.registry.RegistryServer;

class NodeSmokeTest {
  @TempDir Path dir;

  @Test
  void twoNodesChat() throws Exception {
    try (RegistryServer registry =
        RegistryServer.start(
            RegistryConfig.builder(dir.resolve("registry")).address("127.0.0.1", 0).build())) {
      InetSocketAddress at = registry.address();
      List<NodeEvent> aliceEvents = new CopyOnWriteArrayList<>();
      List<NodeEvent> bobEvents = new CopyOnWriteArrayList<>();
      NodeConfig base = NodeConfig.of(dir.resolve("alice"), at, "alice", "alice password");
      try (Node alice =
              Node.start(
                  base.registering().listening(new InetSocketAddress("127.0.0.1", 0)),
                  aliceEvents::add);
          Node bob =
              Node.start(
                  NodeConfig.of(dir.resolve("bob"), at, "bob", "bob password1")
                      .registering()
                      .listening(new InetSocketAddress("127.0.0.1", 0)),
                  bobEvents::add)) {
        alice.requestChat("bob");
        await().until(() -> bobEvents.contains(new NodeEvent.ChatRequested("alice")));
        bob.accept("alice");
        await().until(() -> aliceEvents.contains(new NodeEvent.ConversationOpened("bob", true)));
        alice.send("bob", "hi bob");
        bob.send("alice", "hi alice");
        await()
            .until(
                () ->
                    bobEvents.stream()
                        .anyMatch(
                            e ->
                                e instanceof NodeEvent.MessageReceived m
                                    && m.text().equals("hi bob")));
        await()
            .until(
                () ->
                    aliceEvents.stream()
                        .anyMatch(
                            e ->
                                e instanceof NodeEvent.MessageReceived m
                                    && m.text().equals("hi alice")));
        assertThat(alice.conversations()).hasSize(1);
      }
    }
  }
}
