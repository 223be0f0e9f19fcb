package p2pchat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.it.Cluster.Member;
import p2pchat.peer.NodeEvent;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * Asking to chat over real nodes: a request is accepted or declined, a text written before the
 * conversation opens waits for the answer, and answering nobody or asking somebody who cannot be
 * reached fails with a sentence.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class ChatRequestTest {
  @TempDir Path dir;
  private Cluster cluster;
  private Member alice;
  private Member bob;

  @BeforeEach
  void start() throws Exception {
    cluster = new Cluster(dir);
    alice = cluster.join("alice");
    bob = cluster.join("bob");
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void anAcceptedRequestOpensTheConversationOnBothSides() {
    alice.node().requestChat("bob");

    bob.events().awaitEvent(new NodeEvent.ChatRequested("alice"));
    alice.events().awaitEvent(new NodeEvent.ChatRequestSent("bob"));
    assertThat(Lines.conversations(alice.node()))
        .containsExactly("bob (waiting for them to accept)");
    assertThat(Lines.conversations(bob.node())).containsExactly("alice (asking you to chat)");

    bob.node().accept("alice");

    alice.events().awaitEvent(new NodeEvent.ConversationOpened("bob", true));
    bob.events().awaitEvent(new NodeEvent.ConversationOpened("alice", false));
    int bobPort = bob.node().whoami().listen().getPort();
    assertThat(Lines.conversations(alice.node()))
        .containsExactly("bob (open, connected to 127.0.0.1:" + bobPort + ")");
    assertThat(Lines.conversations(bob.node()))
        .singleElement()
        .asString()
        .startsWith("alice (open, connected to 127.0.0.1:");
    alice.node().send("bob", "hello bob");
    bob.node().send("alice", "hello alice");
    bob.events().awaitReceived("alice", "hello bob");
    alice.events().awaitReceived("bob", "hello alice");
  }

  @Test
  void aDeclinedRequestLeavesNoConversationOnEitherSide() {
    alice.node().requestChat("bob");
    bob.events().awaitEvent(new NodeEvent.ChatRequested("alice"));

    bob.node().decline("alice");

    alice.events().awaitEvent(NodeEvent.ChatDeclined.class, d -> d.by().equals("bob"));
    bob.events()
        .awaitEvent(
            new NodeEvent.Notice(NodeEvent.Code.REQUEST_DECLINED, "declined alice's chat request"));
    assertThat(Lines.conversations(alice.node())).isEmpty();
    assertThat(Lines.conversations(bob.node())).isEmpty();
    assertThat(alice.events().all(NodeEvent.ConversationOpened.class)).isEmpty();
    assertThat(bob.events().all(NodeEvent.ConversationOpened.class)).isEmpty();
  }

  @Test
  void aTextWithoutAConversationAsksFirstAndArrivesOnceAccepted() {
    alice.node().send("bob", "are you there?");

    bob.events().awaitEvent(new NodeEvent.ChatRequested("alice"));
    assertThat(bob.events().received("alice")).as("delivered before bob accepted").isEmpty();

    bob.node().accept("alice");

    alice.events().awaitEvent(new NodeEvent.ConversationOpened("bob", true));
    bob.events().awaitReceived("alice", "are you there?");
  }

  @Test
  void aDeclinedRequestDropsTheTextWaitingForIt() {
    long id = alice.node().send("bob", "are you there?");
    bob.events().awaitEvent(new NodeEvent.ChatRequested("alice"));

    bob.node().decline("alice");

    alice
        .events()
        .awaitEvent(
            new NodeEvent.MessageDropped(
                id, "bob", "are you there?", "bob declined the chat request"));
    // A second request that bob accepts: only its text arrives, so the first never will.
    alice.node().send("bob", "second try");
    bob.events().awaitNth(NodeEvent.ChatRequested.class, 2);
    bob.node().accept("alice");
    bob.events().awaitReceived("alice", "second try");
  }

  @Test
  void askingEachOtherAtOnceOpensOneConversation() {
    alice.node().requestChat("bob");
    bob.node().requestChat("alice");

    alice.events().awaitEvent(NodeEvent.ConversationOpened.class, o -> o.with().equals("bob"));
    bob.events().awaitEvent(NodeEvent.ConversationOpened.class, o -> o.with().equals("alice"));
    alice.node().send("bob", "snap");
    bob.node().send("alice", "snap too");
    bob.events().awaitReceived("alice", "snap");
    alice.events().awaitReceived("bob", "snap too");
    assertThat(Lines.conversations(alice.node()))
        .singleElement()
        .asString()
        .startsWith("bob (open, ");
    assertThat(Lines.conversations(bob.node()))
        .singleElement()
        .asString()
        .startsWith("alice (open, ");
    assertThat(alice.events().all(NodeEvent.Failed.class)).isEmpty();
    assertThat(bob.events().all(NodeEvent.Failed.class)).isEmpty();
  }

  @Test
  void answeringWhenNobodyAskedFails() {
    bob.node().accept("alice");
    bob.node().decline("alice");
    alice.node().requestChat("bob");
    alice.events().awaitEvent(new NodeEvent.ChatRequestSent("bob"));
    alice.node().accept("bob"); // her own request is not one to answer

    assertThat(bob.events().awaitNth(NodeEvent.Failed.class, 2).text())
        .isEqualTo("alice has not asked to chat with you");
    assertThat(bob.events().all(NodeEvent.Failed.class).get(0).text())
        .isEqualTo("alice has not asked to chat with you");
    assertThat(alice.events().awaitFailed()).isEqualTo("bob has not asked to chat with you");
    assertThat(Lines.conversations(alice.node()))
        .containsExactly("bob (waiting for them to accept)");
  }

  @Test
  void chattingWithAnUnknownUserFails() {
    alice.node().requestChat("zed");
    long id = alice.node().send("zed", "hello?");

    assertThat(alice.events().awaitFailed()).isEqualTo("there is no user named zed");
    alice
        .events()
        .awaitEvent(
            new NodeEvent.MessageDropped(id, "zed", "hello?", "there is no user named zed"));
    assertThat(Lines.conversations(alice.node())).isEmpty();
  }

  @Test
  void chattingWithAUserWhoIsNotLoggedInFails() throws Exception {
    cluster.registerAccount("dave");

    alice.node().requestChat("dave");

    assertThat(alice.events().awaitFailed()).isEqualTo("dave is offline");
    assertThat(Lines.conversations(alice.node())).isEmpty();
  }
}
