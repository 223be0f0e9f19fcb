package p2pchat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
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
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * Ending a conversation: both sides see it closed, a later message asks again, and a conversation
 * whose connection went idle is still closed on the other side (by dialing to say so). A text the
 * other side refuses because it no longer has the conversation (closed there, or restarted) is
 * reported as not delivered: every text is either delivered or reported.
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
    assertThat(Lines.conversations(alice.node())).isEmpty();
    assertThat(Lines.conversations(bob.node())).isEmpty();
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
    assertThat(Lines.conversations(alice.node())).containsExactly("bob (asking you to chat)");
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
                Lines.conversations(alice.node()).equals(List.of("bob (open, idle)"))
                    && Lines.conversations(bob.node()).equals(List.of("alice (open, idle)")));

    alice.node().closeConversation("bob");

    alice.events().awaitEvent(new NodeEvent.ConversationClosed("bob", false));
    bob.events().awaitEvent(new NodeEvent.ConversationClosed("alice", true));
    assertThat(Lines.conversations(bob.node())).isEmpty();
  }

  @Test
  void aTextToAPeerThatRestartedIsReportedNotDelivered() throws Exception {
    Member alice = cluster.join("alice");
    Member bob = cluster.join("bob");
    Cluster.openConversation(alice, bob);
    Member bobAgain = cluster.restart(bob);
    alice.events().awaitEvent(NodeEvent.UserJoined.class, j -> j.peer().name().equals("bob"));

    long id = alice.node().send("bob", "are you still there?");

    alice
        .events()
        .awaitEvent(
            new NodeEvent.MessageDropped(
                id,
                "bob",
                "are you still there?",
                "bob had no conversation with you when it arrived (closed there, or bob"
                    + " restarted); send it again to ask to chat anew"));
    alice.events().awaitEvent(new NodeEvent.ConversationClosed("bob", true));
    assertThat(bobAgain.events().received("alice")).isEmpty();
    assertThat(Lines.conversations(alice.node())).isEmpty();

    alice.node().send("bob", "hello again");
    bobAgain.events().awaitEvent(new NodeEvent.ChatRequested("alice"));
    bobAgain.node().accept("alice");
    bobAgain.events().awaitReceived("alice", "hello again");
    assertThat(alice.events().all(NodeEvent.MessageDropped.class)).hasSize(1);
  }

  @Test
  void everyTextWrittenWhileTheOtherSideClosesIsDeliveredOrReported() throws Exception {
    Member alice = cluster.join("alice");
    Member bob = cluster.join("bob");
    Cluster.openConversation(alice, bob);
    List<String> texts = IntStream.rangeClosed(1, 200).mapToObj(i -> "text " + i).toList();

    for (String text : texts) {
      alice.node().send("bob", text);
      if (text.equals("text 20")) {
        bob.node().closeConversation("alice");
      }
    }
    // Texts alice wrote after she saw the close wait for a new chat request: bob declines it.
    await()
        .atMost(EventLog.WAIT)
        .until(
            () ->
                !bob.events().all(NodeEvent.ChatRequested.class).isEmpty()
                    || accounted(alice, bob).size() == texts.size());
    if (!bob.events().all(NodeEvent.ChatRequested.class).isEmpty()) {
      bob.node().decline("alice");
    }

    await()
        .atMost(EventLog.WAIT)
        .untilAsserted(
            () -> assertThat(accounted(alice, bob)).containsExactlyInAnyOrderElementsOf(texts));
  }

  /** The texts bob got from alice and those alice was told were not delivered. */
  private static List<String> accounted(Member alice, Member bob) {
    List<String> all = new ArrayList<>(bob.events().received("alice"));
    alice.events().all(NodeEvent.MessageDropped.class).forEach(d -> all.add(d.text()));
    return all;
  }
}
