package p2pchat.peer.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.net.FakeDialer;
import p2pchat.peer.net.FakeLink;
import p2pchat.peer.net.LinkException;
import p2pchat.peer.net.LinkPool;
import p2pchat.peer.profile.Contacts;
import p2pchat.peer.rendezvous.PeerDirectory;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.BroadcastSignature;
import p2pchat.protocol.message.PeerMessage.Broadcast;

/** Broadcasts to and from alice over fake links; the directory vouches only for bob's key. */
class BroadcastsTest {
  private static final Identity ALICE = Identity.generate("alice");
  private static final Identity BOB = Identity.generate("bob");
  private static final Identity MALLORY = Identity.generate("mallory");

  /** Vouches for bob's PeerId only, as the registry would. */
  private static final PeerDirectory DIRECTORY =
      new PeerDirectory() {
        @Override
        public Target locate(String name) throws LinkException {
          throw new LinkException(LinkException.Reason.OFFLINE, name + " is offline");
        }

        @Override
        public void check(String name, PeerId peerId) throws LinkException {
          if (!name.equals("bob") || !peerId.equals(BOB.peerId())) {
            throw new LinkException(
                "it presented PeerId " + peerId + ", which the registry does not hold for " + name);
          }
        }

        @Override
        public String authority() {
          return "the registry";
        }
      };

  @TempDir Path profile;
  private final List<NodeEvent> events = new CopyOnWriteArrayList<>();
  private final FakeDialer dialer = new FakeDialer();
  private final FakeLink fromBob = new FakeLink("bob", BOB.peerId(), true);
  private final FakeLink fromCarol =
      new FakeLink("carol", Identity.generate("carol").peerId(), true);
  private Contacts contacts;
  private Broadcasts broadcasts;

  @BeforeEach
  void start() {
    contacts = new Contacts(profile.resolve(Contacts.FILE_NAME));
    broadcasts =
        new Broadcasts(
            ALICE,
            "alice",
            new LinkPool(dialer, Runnable::run),
            DIRECTORY,
            contacts,
            Runnable::run,
            events::add);
  }

  private static Broadcast signed(Identity by, String sender, long id, long sentAt, String text) {
    return BroadcastSignature.sign(by, sender, id, sentAt, text);
  }

  private static NodeEvent shown(Broadcast b) {
    return new NodeEvent.BroadcastReceived(
        b.sender(), b.text(), Instant.ofEpochMilli(b.sentAtMillis()));
  }

  @Test
  void aBroadcastStraightFromItsSenderIsShownOnce() {
    Broadcast hello = signed(BOB, "bob", 1, System.currentTimeMillis(), "hello all");

    broadcasts.received(fromBob, hello);
    broadcasts.received(fromBob, hello); // replayed
    broadcasts.received(fromCarol, hello); // passed on by another

    assertThat(events).containsExactly(shown(hello));
  }

  @Test
  void aBroadcastPassedOnIsShownWhenTheDirectoryVouchesForItsKey() {
    Broadcast hello = signed(BOB, "bob", 2, System.currentTimeMillis(), "via carol");

    broadcasts.received(fromCarol, hello);

    await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
    assertThat(events).containsExactly(shown(hello));
  }

  @Test
  void aBroadcastSignedByAnotherKeyThanThePinnedOneIsFlagged() {
    contacts.pin("bob", BOB.peerId());
    Broadcast forged = signed(MALLORY, "bob", 3, System.currentTimeMillis(), "send me money");

    broadcasts.received(fromCarol, forged);

    assertThat(events)
        .containsExactly(
            new NodeEvent.Warning(
                NodeEvent.Code.FORGED_BROADCAST,
                "a broadcast claiming to be from bob (passed on by carol) is forged and was not"
                    + " shown: it was signed by PeerId "
                    + MALLORY.peerId()
                    + ", but bob's pinned PeerId is "
                    + BOB.peerId()));
  }

  @Test
  void aBroadcastSignedByAKeyTheDirectoryDoesNotHoldIsFlagged() {
    Broadcast forged = signed(MALLORY, "bob", 4, System.currentTimeMillis(), "send me money");

    broadcasts.received(fromCarol, forged);

    await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
    assertThat(events)
        .containsExactly(
            new NodeEvent.Warning(
                NodeEvent.Code.FORGED_BROADCAST,
                "a broadcast claiming to be from bob (passed on by carol) is forged and was not"
                    + " shown: it presented PeerId "
                    + MALLORY.peerId()
                    + ", which the registry does not hold for bob"));
  }

  @Test
  void aBroadcastWhoseTextWasChangedIsFlagged() {
    Broadcast genuine = signed(BOB, "bob", 5, System.currentTimeMillis(), "meet at noon");
    Broadcast changed =
        new Broadcast(
            genuine.sender(),
            genuine.broadcastId(),
            genuine.sentAtMillis(),
            "meet at midnight",
            genuine.certificate(),
            genuine.signature());

    broadcasts.received(fromBob, changed);

    assertThat(events)
        .containsExactly(
            new NodeEvent.Warning(
                NodeEvent.Code.FORGED_BROADCAST,
                "a broadcast claiming to be from bob (passed on by bob) is forged and was not"
                    + " shown: its signature does not match its text and sender"));
  }

  @Test
  void aStaleBroadcastIsRefused() {
    long tenMinutesAgo = System.currentTimeMillis() - Duration.ofMinutes(10).toMillis();
    Broadcast old = signed(BOB, "bob", 6, tenMinutesAgo, "old news");

    broadcasts.received(fromBob, old);

    assertThat(events)
        .containsExactly(
            new NodeEvent.Warning(
                NodeEvent.Code.STALE_BROADCAST,
                "a broadcast in bob's name (passed on by bob) was not shown: it was signed 10"
                    + " minutes before this computer's clock, and only those within 5 minutes are"
                    + " (an old broadcast sent again, or a clock that is wrong)"));
  }

  @Test
  void sendingSignsAndDeliversToEveryoneElse() throws Exception {
    FakeLink toBob = new FakeLink("bob", BOB.peerId(), false);
    FakeLink toCarol = new FakeLink("carol", Identity.generate("carol").peerId(), false);
    dialer.reachable(toBob).reachable(toCarol);

    broadcasts.send("hi everyone", List.of("alice", "bob", "carol"));

    assertThat(toBob.sent()).hasSize(1).isEqualTo(toCarol.sent());
    Broadcast sent = (Broadcast) toBob.sent().getFirst();
    assertThat(sent.sender()).isEqualTo("alice");
    assertThat(sent.text()).isEqualTo("hi everyone");
    assertThat(BroadcastSignature.verify(sent)).isEqualTo(ALICE.peerId());
    assertThat(events)
        .containsExactly(
            new NodeEvent.Notice(
                NodeEvent.Code.BROADCAST_SENT, "broadcast sent to 2 peers: bob, carol"));
  }

  @Test
  void aBroadcastNotDeliveredIsTold() {
    broadcasts.send("hi", List.of("bob"));
    dialer.fail("bob", "bob is offline");

    assertThat(events)
        .containsExactly(
            new NodeEvent.Notice(NodeEvent.Code.BROADCAST_SENT, "broadcast sent to 1 peer: bob"),
            new NodeEvent.Failed(
                NodeEvent.Code.NOT_DELIVERED, "broadcast not delivered to bob: bob is offline"));
  }
}
