package p2pchat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.it.Cluster.Member;
import p2pchat.peer.NodeEvent;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * A registry that stops and comes back on the same data folder and port: open conversations go on
 * meanwhile, and the nodes log in again by themselves (letting the lost connections go), so that
 * others find them again.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class RegistryRestartTest {
  private static final Duration RECONNECT_MAX = Duration.ofMillis(500);

  @TempDir Path dir;

  @Test
  void nodesLogInAgainAndTheirConversationGoesOn() throws Exception {
    try (Cluster cluster = new Cluster(dir)) {
      Member alice =
          cluster.start(cluster.config("alice").registering().withReconnectMax(RECONNECT_MAX));
      Member bob =
          cluster.start(cluster.config("bob").registering().withReconnectMax(RECONNECT_MAX));
      Cluster.openConversation(alice, bob);

      long threadsBefore = registryClientThreads();
      cluster.stopRegistry();
      alice.events().awaitNth(NodeEvent.RegistryLost.class, 1);
      bob.events().awaitNth(NodeEvent.RegistryLost.class, 1);
      alice.node().send("bob", "is the registry down?");
      bob.node().send("alice", "yes, and we do not need it");
      bob.events().awaitReceived("alice", "is the registry down?");
      alice.events().awaitReceived("bob", "yes, and we do not need it");

      cluster.restartRegistry();
      alice.events().awaitNth(NodeEvent.LoggedIn.class, 2);
      bob.events().awaitNth(NodeEvent.LoggedIn.class, 2);
      alice.node().send("bob", "it is back");
      bob.events().awaitReceived("alice", "is the registry down?", "it is back");

      Member carol = cluster.join("carol");
      // The lost connections' event loop threads are let go: only carol's is new.
      await()
          .atMost(EventLog.WAIT)
          .untilAsserted(
              () -> assertThat(registryClientThreads()).isLessThanOrEqualTo(threadsBefore + 1));
      assertThat(carol.events().awaitNth(NodeEvent.LoggedIn.class, 1).online())
          .extracting(PeerInfo::name)
          .containsExactly("alice", "bob");
      carol.node().requestChat("alice");
      alice.events().awaitEvent(new NodeEvent.ChatRequested("carol"));

      for (Member m : new Member[] {alice, bob}) {
        assertThat(m.events().all(NodeEvent.ConversationClosed.class)).as(m.name()).isEmpty();
        assertThat(m.events().all(NodeEvent.LoggedOut.class)).as(m.name()).isEmpty();
        assertThat(m.events().all(NodeEvent.Failed.class)).as(m.name()).isEmpty();
      }
      assertThat(Lines.conversations(alice.node()))
          .contains("bob (open, connected to " + hostPort(bob) + ")");
      assertThat(Lines.conversations(bob.node()))
          .singleElement()
          .asString()
          .startsWith("alice (open, connected");
    }
  }

  private static long registryClientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("registry-client"))
        .count();
  }

  private static String hostPort(Member m) {
    return "127.0.0.1:" + m.node().whoami().listen().getPort();
  }
}
