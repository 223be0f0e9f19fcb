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
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * A contact who comes back with another key (the same account, logged in from a new profile) is
 * accepted, since the registry vouches for the new key, but the user is warned, naming both keys.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class ChangedKeyTest {
  @TempDir Path dir;
  private Cluster cluster;
  private Member alice;
  private Member bob;
  private PeerId oldKey;

  @BeforeEach
  void aliceAndBobHaveMet() throws Exception {
    cluster = new Cluster(dir);
    alice = cluster.join("alice");
    bob = cluster.join("bob");
    oldKey = alice.node().whoami().peerId();
    Cluster.openConversation(alice, bob);
    alice.node().send("bob", "from my old laptop");
    bob.events().awaitReceived("alice", "from my old laptop");
    assertThat(bob.node().profile().contacts().pinned("alice")).contains(oldKey);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void theContactWritingFromANewKeyIsWarnedAbout() throws Exception {
    Member newAlice = newLaptop();
    PeerId newKey = newAlice.node().whoami().peerId();

    newAlice.node().send("bob", "same alice, new laptop");

    String warning = bob.events().awaitWarning("alice's key changed");
    assertThat(warning).contains("it was " + oldKey, "now it is " + newKey);
    bob.events().awaitReceived("alice", "from my old laptop", "same alice, new laptop");
    bob.node().send("alice", "welcome back");
    newAlice.events().awaitReceived("bob", "welcome back");
    assertThat(bob.node().profile().contacts().pinned("alice")).contains(newKey);
    assertThat(bob.events().all(NodeEvent.Warning.class)).hasSize(1);
  }

  @Test
  void writingToTheContactAtItsNewKeyIsWarnedAbout() throws Exception {
    bob.node().closeConversation("alice");
    alice.events().awaitEvent(new NodeEvent.ConversationClosed("bob", true));
    Member newAlice = newLaptop();
    PeerId newKey = newAlice.node().whoami().peerId();

    bob.node().send("alice", "is that you?");

    String warning = bob.events().awaitWarning("alice's key changed");
    assertThat(warning).contains("it was " + oldKey, "now it is " + newKey);
    newAlice.events().awaitEvent(new NodeEvent.ChatRequested("bob"));
    newAlice.node().accept("bob");
    newAlice.events().awaitReceived("bob", "is that you?");
    newAlice.node().send("bob", "yes, new laptop");
    bob.events().awaitReceived("alice", "from my old laptop", "yes, new laptop");
    assertThat(bob.events().all(NodeEvent.Warning.class)).hasSize(1);
  }

  /** Alice closes her node and logs in to the same account from a new profile folder. */
  private Member newLaptop() throws Exception {
    cluster.stop(alice);
    Member newAlice = cluster.start(cluster.config("alice", "alice-new-laptop"));
    assertThat(newAlice.node().whoami().peerId()).isNotEqualTo(oldKey);
    return newAlice;
  }
}
