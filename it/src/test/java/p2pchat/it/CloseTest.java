package p2pchat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.it.Cluster.Member;
import p2pchat.peer.NodeEvent;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * Ending a conversation: both sides see it closed, a later message asks again, and a conversation
 * whose connection went idle is still closed on the other side (by dialing to say so).
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class CloseTest {
  @TempDir Path dir;
  private Cluster cluster;

  @BeforeEach
  void start() throws Exception {
    cluster = new Cluster(dir);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void closingEndsTheConversationOnBothSides() throws Exception {
    Member alice = cluster.join("alice");
    Member bob = cluster.join("bob");
    Cluster.openConversation(alice, bob);

    alice.node().closeConversation("bob");

    alice.events().awaitEvent(new NodeEvent.ConversationClosed("bob", false));
    bob.events().awaitEvent(new NodeEvent.ConversationClosed("alice", true));
    assertThat(alice.node().conversations()).isEmpty();
    assertThat(bob.node().conversations()).isEmpty();
    alice.node().closeConversation("bob");
    assertThat(alice.events().awaitFailed()).isEqualTo("you have no conversation with bob");
  }

  @Test
  void aMessageAfterTheCloseAsksToChatAgain() throws Exception {
    Member alice = cluster.join("alice");
    Member bob = cluster.join("bob");
    Cluster.openConversation(alice, bob);
    alice.node().closeConversation("bob");
    bob.events().awaitEvent(new NodeEvent.ConversationClosed("alice", true));

    bob.node().send("alice", "wait, one more thing");

    alice.events().awaitEvent(new NodeEvent.ChatRequested("bob"));
    assertThat(alice.events().received("bob")).isEmpty();
    assertThat(alice.node().conversations()).containsExactly("bob (asking you to chat)");
    alice.node().accept("bob");
    alice.events().awaitReceived("bob", "wait, one more thing");
  }

  @Test
  void closingAnIdleConversationStillTellsTheOtherSide() throws Exception {
    Duration idle = Duration.ofMillis(500);
    Member alice = cluster.start(cluster.config("alice").registering().withIdleTimeout(idle));
    Member bob = cluster.start(cluster.config("bob").registering().withIdleTimeout(idle));
    Cluster.openConversation(alice, bob);
    await()
        .atMost(EventLog.WAIT)
        .until(
            () ->
                alice.node().conversations().equals(List.of("bob (open, idle)"))
                    && bob.node().conversations().equals(List.of("alice (open, idle)")));

    alice.node().closeConversation("bob");

    alice.events().awaitEvent(new NodeEvent.ConversationClosed("bob", false));
    bob.events().awaitEvent(new NodeEvent.ConversationClosed("alice", true));
    assertThat(bob.node().conversations()).isEmpty();
  }
}
