package p2pchat.registry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.protocol.message.RegistryMessage;
import p2pchat.protocol.message.RegistryMessage.PresenceChange;
import p2pchat.protocol.message.RegistryMessage.PresenceChange.Reason;
import p2pchat.protocol.message.RegistryMessage.SessionEnded;
import p2pchat.registry.cluster.LocalBus;
import p2pchat.registry.session.Directory;
import p2pchat.registry.session.Session;
import p2pchat.registry.session.SessionHandle;

/**
 * Presence on the in-process bus, with sessions behind fake handles: no socket, no Netty. What each
 * session is sent is what its client would read.
 */
class PresenceServiceTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** A handle that keeps what it is sent. */
  private static final class FakeHandle implements SessionHandle {
    final List<RegistryMessage> sent = new ArrayList<>();
    boolean open = true;

    @Override
    public void send(RegistryMessage message) {
      sent.add(message);
    }

    @Override
    public void end(SessionEnded ended) {
      sent.add(ended);
      open = false;
    }

    @Override
    public boolean isOpen() {
      return open;
    }
  }

  private final Directory directory = new Directory();
  private final LocalBus bus = new LocalBus(directory);
  private final Presence presence = new Presence(directory, bus, TIMEOUT);
  private long nextId = 1;

  private Session start(String name, FakeHandle handle, boolean visible) {
    byte[] digest = new byte[PeerId.BYTES];
    Arrays.fill(digest, (byte) nextId);
    Session s =
        presence.start(
            nextId++, handle, name, "127.0.0.1", 50000, 40000, PeerId.ofDigest(digest), visible);
    presence.joined(s);
    return s;
  }

  private static List<String> changes(FakeHandle handle) {
    return handle.sent.stream()
        .filter(PresenceChange.class::isInstance)
        .map(PresenceChange.class::cast)
        .map(c -> c.change() + " " + c.peer().name() + " " + c.reason() + " " + c.note())
        .toList();
  }

  @Test
  void aJoinIsAnnouncedToEveryOtherSessionAndAnInvisibleOneToNobody() {
    FakeHandle alice = new FakeHandle();
    FakeHandle bob = new FakeHandle();
    FakeHandle carol = new FakeHandle();
    start("alice", alice, true);
    start("bob", bob, true);
    start("carol", carol, false);

    assertThat(changes(alice)).containsExactly("JOINED bob LOGIN ");
    assertThat(changes(bob)).isEmpty();
    assertThat(changes(carol)).isEmpty();
    assertThat(presence.lookup("ALICE").map(PeerInfo::port)).contains(40000);
    assertThat(presence.lookup("carol")).as("invisible").isEmpty();
    assertThat(presence.lookup("dave")).isEmpty();
  }

  @Test
  void theOnlineListShowsTheVisibleOthers() {
    Session alice = start("alice", new FakeHandle(), true);
    start("bob", new FakeHandle(), true);
    start("carol", new FakeHandle(), false);

    assertThat(presence.onlineFor(alice)).extracting(PeerInfo::name).containsExactly("bob");
    assertThat(presence.size()).isEqualTo(3);
  }

  @Test
  void aSecondLoginEndsTheFirstSessionWhichThenLeavesUnannounced() {
    FakeHandle watcher = new FakeHandle();
    start("watcher", watcher, true);
    FakeHandle first = new FakeHandle();
    Session old = start("alice", first, true);
    start("Alice", new FakeHandle(), true);

    assertThat(first.open).isFalse();
    assertThat(first.sent.getLast())
        .isEqualTo(
            new SessionEnded(
                SessionEnded.Why.REPLACED,
                "Alice logged in again from 127.0.0.1; this session is closed"));
    presence.left(old); // its connection closes: replaced, so nobody is told
    assertThat(changes(watcher)).containsExactly("JOINED alice LOGIN ", "JOINED Alice LOGIN ");
    assertThat(presence.lookup("alice")).isPresent();
  }

  @Test
  void endingASessionThroughTheBusAnnouncesItsLeavingWithTheNoteOnceItCloses() {
    FakeHandle watcher = new FakeHandle();
    start("watcher", watcher, true);
    FakeHandle mallory = new FakeHandle();
    Session session = start("mallory", mallory, true);

    assertThat(
            bus.end(
                "MALLORY",
                Reason.KICKED,
                "spamming",
                new SessionEnded(SessionEnded.Why.KICKED, "kicked by an operator: spamming")))
        .isTrue();
    assertThat(bus.end("nobody", Reason.KICKED, "", null)).isFalse();
    assertThat(mallory.open).isFalse();
    presence.left(session);

    assertThat(changes(watcher))
        .containsExactly("JOINED mallory LOGIN ", "LEFT mallory KICKED spamming");
    assertThat(presence.lookup("mallory")).isEmpty();
  }

  @Test
  void visibilityChangesAreAnnouncedAsJoinsAndLeavesOnlyWhenTheyChange() {
    FakeHandle watcher = new FakeHandle();
    start("watcher", watcher, true);
    Session alice = start("alice", new FakeHandle(), false);

    presence.setVisible(alice, true);
    presence.setVisible(alice, true);
    presence.setVisible(alice, false);

    assertThat(changes(watcher)).containsExactly("JOINED alice LOGIN ", "LEFT alice LOGOUT ");
  }

  @Test
  void aSessionNotHeardFromForLongerThanTheTimeoutIsEnded() {
    FakeHandle stale = new FakeHandle();
    Session old = start("stale", stale, true);

    presence.expire(old.lastSeenNanos() + TIMEOUT.toNanos() - 1);
    assertThat(stale.open).isTrue();

    presence.expire(old.lastSeenNanos() + TIMEOUT.toNanos() + 1);
    assertThat(stale.open).isFalse();
    assertThat(stale.sent.getLast())
        .isEqualTo(
            new SessionEnded(SessionEnded.Why.TIMED_OUT, "no heartbeat for 30 s; log in again"));
    assertThat(old.endReason()).isEqualTo(Reason.TIMED_OUT);
  }
}
