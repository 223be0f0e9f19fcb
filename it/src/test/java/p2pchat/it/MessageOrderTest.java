package p2pchat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.it.Cluster.Member;
import p2pchat.peer.NodeEvent;
import p2pchat.protocol.Limits;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * Messages in an open conversation: many each way at once arrive complete and in order, they go
 * peer to peer (they keep flowing with the registry gone), and a text over the limit is refused
 * before anything is sent.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class MessageOrderTest {
  private static final int EACH_WAY = 200;

  @TempDir Path dir;
  private Cluster cluster;
  private Member alice;
  private Member bob;

  @BeforeEach
  void start() throws Exception {
    cluster = new Cluster(dir);
    alice = cluster.join("alice");
    bob = cluster.join("bob");
    Cluster.openConversation(alice, bob);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void messagesSentBothWaysAtOnceArriveCompleteAndInOrder() throws Exception {
    List<String> fromAlice = texts("alice", 1, EACH_WAY);
    List<String> fromBob = texts("bob", 1, EACH_WAY);

    Thread aliceWrites =
        Thread.ofPlatform().start(() -> fromAlice.forEach(t -> alice.node().send("bob", t)));
    Thread bobWrites =
        Thread.ofPlatform().start(() -> fromBob.forEach(t -> bob.node().send("alice", t)));
    aliceWrites.join();
    bobWrites.join();

    bob.events().awaitReceived("alice", fromAlice);
    alice.events().awaitReceived("bob", fromBob);
  }

  @Test
  void messagesKeepFlowingWithTheRegistryGone() {
    alice.node().send("bob", "before");
    bob.events().awaitReceived("alice", "before");

    cluster.stopRegistry();
    alice.events().awaitEvent(NodeEvent.RegistryLost.class, e -> true);
    bob.events().awaitEvent(NodeEvent.RegistryLost.class, e -> true);
    List<String> fromAlice = texts("alice", 1, 50);
    List<String> fromBob = texts("bob", 1, 50);
    for (int i = 0; i < 50; i++) {
      alice.node().send("bob", fromAlice.get(i));
      bob.node().send("alice", fromBob.get(i));
    }

    List<String> bobExpects = new ArrayList<>(List.of("before"));
    bobExpects.addAll(fromAlice);
    bob.events().awaitReceived("alice", bobExpects);
    alice.events().awaitReceived("bob", fromBob);
    assertThat(alice.events().all(NodeEvent.ConversationClosed.class)).isEmpty();
    assertThat(bob.events().all(NodeEvent.ConversationClosed.class)).isEmpty();
  }

  @Test
  void aTextOverTheLimitIsRefusedAndNotSent() {
    String tooLong = "é".repeat(Limits.MAX_CHAT_TEXT_BYTES / 2) + "x"; // one byte over
    String longest = "x".repeat(Limits.MAX_CHAT_TEXT_BYTES);

    alice.node().send("bob", tooLong);
    alice.node().send("bob", longest);

    assertThat(alice.events().awaitFailed())
        .isEqualTo(
            "message not sent: it is "
                + (Limits.MAX_CHAT_TEXT_BYTES + 1)
                + " bytes, the limit is "
                + Limits.MAX_CHAT_TEXT_BYTES);
    bob.events().awaitReceived("alice", longest);
    assertThat(alice.events().all(NodeEvent.MessageDropped.class)).isEmpty();
    assertThat(Lines.conversations(alice.node()))
        .singleElement()
        .asString()
        .startsWith("bob (open, ");
  }

  private static List<String> texts(String from, int first, int count) {
    return IntStream.range(first, first + count).mapToObj(i -> from + " #" + i).toList();
  }
}
