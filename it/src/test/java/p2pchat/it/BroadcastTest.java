package p2pchat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.it.Cluster.Member;
import p2pchat.peer.NodeEvent;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.message.BroadcastSignature;
import p2pchat.protocol.message.PeerMessage.Broadcast;
import p2pchat.protocol.testing.RawTlsConnection;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * A broadcast reaches every online peer exactly once, marked as from its sender; one that is not
 * signed by the sender's own key (whoever passes it on) is flagged and never shown as genuine.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class BroadcastTest {
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
  void aBroadcastReachesAllFiveOnlinePeersExactlyOnce() throws Exception {
    Member alice = cluster.join("alice");
    List<Member> others = new ArrayList<>();
    for (String name : List.of("bob", "carol", "dave", "erin", "frank")) {
      others.add(cluster.join(name));
    }
    for (Member m : others) {
      alice.events().awaitEvent(NodeEvent.UserJoined.class, j -> j.peer().name().equals(m.name()));
    }

    alice.node().broadcast("hello everyone");
    alice.node().broadcast("and once more");

    for (Member m : others) {
      m.events()
          .awaitEvent(NodeEvent.BroadcastReceived.class, b -> b.text().equals("and once more"));
    }
    for (Member m : others) {
      assertThat(m.events().broadcasts("alice"))
          .as("%s's broadcasts", m.name())
          .containsExactly("hello everyone", "and once more");
      assertThat(m.events().all(NodeEvent.Warning.class)).isEmpty();
    }
    assertThat(alice.events().all(NodeEvent.Notice.class))
        .contains(
            new NodeEvent.Notice(
                NodeEvent.Code.BROADCAST_SENT,
                "broadcast sent to 5 peers: bob, carol, dave, erin, frank"));
    assertThat(alice.events().all(NodeEvent.Failed.class)).isEmpty();
    assertThat(alice.events().all(NodeEvent.BroadcastReceived.class)).isEmpty();
  }

  @Test
  void forgedBroadcastsAreFlaggedAndGenuineOnesPassedOnAreShownOnce() throws Exception {
    Member alice = cluster.join("alice");
    Member bob = cluster.join("bob");
    Identity mallorysKey = Identity.generate("mallory");
    Identity alicesKey = alice.node().profile().identity();
    byte[] alicesCertificate = alicesKey.certificate().getEncoded();
    long now = System.currentTimeMillis();

    try (RawTlsConnection mallory = cluster.joinByHand("mallory", mallorysKey, bob)) {

      // Signed with mallory's own key, in alice's name.
      mallory.send(BroadcastSignature.sign(mallorysKey, "alice", 1, now, "forged"));
      assertThat(bob.events().awaitNth(NodeEvent.Warning.class, 1).text())
          .isEqualTo(
              "a broadcast claiming to be from alice (passed on by mallory) is forged and was not"
                  + " shown: it presented PeerId "
                  + mallorysKey.peerId()
                  + ", which the registry does not hold for alice");
      // Alice's certificate, but mallory's signature.
      Broadcast bySomeoneElse = BroadcastSignature.sign(mallorysKey, "alice", 2, now, "forged");
      mallory.send(
          new Broadcast("alice", 2, now, "forged", alicesCertificate, bySomeoneElse.signature()));
      assertThat(bob.events().awaitNth(NodeEvent.Warning.class, 2).text())
          .isEqualTo(
              "a broadcast claiming to be from alice (passed on by mallory) is forged and was not"
                  + " shown: its signature does not match its text and sender");
      // Alice's genuine broadcast, its text changed on the way.
      Broadcast genuine = BroadcastSignature.sign(alicesKey, "alice", 3, now, "hi");
      mallory.send(
          new Broadcast(
              "alice",
              3,
              genuine.sentAtMillis(),
              "hi, and send mallory money",
              genuine.certificate(),
              genuine.signature()));
      assertThat(bob.events().awaitNth(NodeEvent.Warning.class, 3).text())
          .endsWith("its signature does not match its text and sender");
      // Alice's genuine broadcast passed on as it is: shown, once however often it comes.
      mallory.send(genuine, genuine);
      bob.events()
          .awaitEvent(
              new NodeEvent.BroadcastReceived(
                  "alice", "hi", Instant.ofEpochMilli(genuine.sentAtMillis())));
      mallory.send(genuine);
      // Mallory's own broadcast is mallory's to make; it comes after the copy on the same link.
      mallory.send(BroadcastSignature.sign(mallorysKey, "mallory", 4, now, "me"));
      bob.events().awaitEvent(NodeEvent.BroadcastReceived.class, b -> b.from().equals("mallory"));
    }

    alice.node().broadcast("really alice");
    bob.events()
        .awaitEvent(NodeEvent.BroadcastReceived.class, b -> b.text().equals("really alice"));
    assertThat(bob.events().broadcasts("alice")).containsExactly("hi", "really alice");
    assertThat(bob.events().broadcasts("mallory")).containsExactly("me");
    assertThat(bob.events().all(NodeEvent.Warning.class)).hasSize(3);
    assertThat(bob.events().all(NodeEvent.MessageReceived.class)).isEmpty();
  }

  @Test
  void aGenuineBroadcastReplayedOutsideTheFreshnessWindowIsRefusedWithAWarning() throws Exception {
    Identity alicesKey = cluster.join("alice").node().profile().identity();
    Member bob = cluster.join("bob");
    Identity mallorysKey = Identity.generate("mallory");
    long now = System.currentTimeMillis();

    try (RawTlsConnection mallory = cluster.joinByHand("mallory", mallorysKey, bob)) {

      // Alice's own signature, recorded ten minutes ago and sent again now.
      mallory.send(BroadcastSignature.sign(alicesKey, "alice", 1, now - 600_000, "old news"));
      assertThat(bob.events().awaitNth(NodeEvent.Warning.class, 1).text())
          .isEqualTo(
              "a broadcast in alice's name (passed on by mallory) was not shown: it was signed 10"
                  + " minutes before this computer's clock, and only those within 5 minutes are"
                  + " (an old broadcast sent again, or a clock that is wrong)");
      // Dated ahead, to be replayed later: refused too.
      mallory.send(BroadcastSignature.sign(alicesKey, "alice", 2, now + 600_000, "early"));
      assertThat(bob.events().awaitNth(NodeEvent.Warning.class, 2).text())
          .contains("was signed 10 minutes after this computer's clock");
      // A fresh one is shown, once however often it is replayed inside the window.
      Broadcast fresh = BroadcastSignature.sign(alicesKey, "alice", 3, now, "fresh");
      mallory.send(fresh, fresh);
      mallory.send(fresh);
      mallory.send(BroadcastSignature.sign(mallorysKey, "mallory", 4, now, "after the copies"));
      bob.events().awaitEvent(NodeEvent.BroadcastReceived.class, b -> b.from().equals("mallory"));
    }

    assertThat(bob.events().broadcasts("alice")).containsExactly("fresh");
    assertThat(bob.events().all(NodeEvent.Warning.class)).hasSize(2);
  }
}
