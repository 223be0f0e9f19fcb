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
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * A conversation outlives its connection: a quiet direct connection closes after the idle timeout,
 * and the next message from either side dials again and is delivered, the conversation open all the
 * while.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class IdleReconnectTest {
  private static final Duration IDLE = Duration.ofMillis(500);

  @TempDir Path dir;

  @Test
  void aQuietConnectionClosesAndTheNextMessageReopensIt() throws Exception {
    try (Cluster cluster = new Cluster(dir)) {
      Member alice = cluster.start(cluster.config("alice").registering().withIdleTimeout(IDLE));
      Member bob = cluster.start(cluster.config("bob").registering().withIdleTimeout(IDLE));
      Cluster.openConversation(alice, bob);
      alice.node().send("bob", "first");
      bob.events().awaitReceived("alice", "first");

      awaitIdle(alice, bob);
      alice.node().send("bob", "after a pause");
      bob.events().awaitReceived("alice", "first", "after a pause");

      awaitIdle(alice, bob);
      bob.node().send("alice", "and back");
      alice.events().awaitReceived("bob", "and back");

      awaitIdle(alice, bob);
      assertThat(alice.events().all(NodeEvent.ConversationClosed.class)).isEmpty();
      assertThat(bob.events().all(NodeEvent.ConversationClosed.class)).isEmpty();
      assertThat(alice.events().all(NodeEvent.Failed.class)).isEmpty();
      assertThat(bob.events().all(NodeEvent.Failed.class)).isEmpty();
      assertThat(bob.events().all(NodeEvent.ChatRequested.class)).hasSize(1);
    }
  }

  private static void awaitIdle(Member alice, Member bob) {
    await()
        .atMost(EventLog.WAIT)
        .untilAsserted(
            () -> {
              assertThat(Lines.conversations(alice.node())).containsExactly("bob (open, idle)");
              assertThat(Lines.conversations(bob.node())).containsExactly("alice (open, idle)");
            });
  }
}
