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
import p2pchat.protocol.ProtocolVersion;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ConnectionMessage.Hello;
import p2pchat.protocol.message.ConnectionMessage.Welcome;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.PeerMessage.Introduce;
import p2pchat.protocol.testing.RawTlsConnection;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * A peer that is not who it says is refused in both directions: one dialing in with its own key
 * while claiming another user's name, and one answering at the address the registry gave for
 * another user.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class ImpersonationTest {
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
  void aDialerClaimingAnotherUsersNameIsRefused() throws Exception {
    Member alice = cluster.join("alice");
    Member bob = cluster.join("bob");
    Identity mallorysKey = Identity.generate("mallory");
    PeerId mallory = mallorysKey.peerId();

    try (RawTlsConnection raw =
        RawTlsConnection.open(
            bob.node().whoami().listen(), bob.node().whoami().peerId(), mallorysKey)) {
      raw.send(new Hello(ProtocolVersion.CURRENT, "not p2pchat"));
      assertThat(raw.receive()).isInstanceOf(Welcome.class);
      raw.send(new Introduce("alice"));

      assertThat(raw.receive())
          .isInstanceOfSatisfying(
              Failure.class,
              f -> {
                assertThat(f.requestId()).isZero();
                assertThat(f.code()).isEqualTo(ErrorCode.IDENTITY_MISMATCH);
                assertThat(f.text()).contains("claiming to be alice", mallory.toString());
              });
      assertThat(raw.closedByPeer()).as("bob closed the connection").isTrue();
    }

    String warning = bob.events().awaitWarning("claiming to be alice");
    assertThat(warning)
        .startsWith("refused a connection from 127.0.0.1:")
        .contains("it presented PeerId " + mallory, "which the registry does not hold for alice");
    assertThat(Lines.conversations(bob.node())).isEmpty();
    assertThat(bob.node().profile().contacts().pinned("alice")).isEmpty();
    // The real alice is still welcome.
    Cluster.openConversation(alice, bob);
    alice.node().send("bob", "it is really me");
    bob.events().awaitReceived("alice", "it is really me");
    assertThat(bob.node().profile().contacts().pinned("alice"))
        .contains(alice.node().whoami().peerId());
  }

  @Test
  void aPeerAnsweringForAnotherUserIsRefused() throws Exception {
    Member bob = cluster.join("bob");
    Member mallory = cluster.join("mallory");
    int malloryPort = mallory.node().whoami().listen().getPort();
    Identity carolsKey = Identity.generate("carol");
    // carol tells the registry she listens where mallory does.
    cluster.registerAndLogIn("carol", carolsKey, malloryPort);

    bob.node().requestChat("carol");

    String expected =
        "the peer at 127.0.0.1:"
            + malloryPort
            + " is not carol: it presented PeerId "
            + mallory.node().whoami().peerId()
            + ", but the registry holds "
            + carolsKey.peerId()
            + " for carol; refused";
    assertThat(bob.events().awaitWarning("is not carol")).isEqualTo(expected);
    assertThat(bob.events().awaitFailed()).isEqualTo(expected);
    assertThat(Lines.conversations(bob.node())).isEmpty();
    assertThat(bob.node().profile().contacts().pinned("carol")).isEmpty();
    assertThat(mallory.events().all(NodeEvent.ChatRequested.class)).isEmpty();
    assertThat(Lines.conversations(mallory.node())).isEmpty();
  }
}
