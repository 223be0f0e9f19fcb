package p2pchat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
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
 * Nodes without a registry, with a table of friends: messages go both ways without asking first,
 * idle connections close and reopen, a friend whose PeerId the table gives must present it, one
 * without is pinned on first contact, and nobody outside the table gets in. Groups and broadcasts
 * work the same.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class ServerlessTest {
  private static final Duration IDLE = Duration.ofMillis(500);

  @TempDir Path dir;
  private FriendsFixture friends;

  @AfterEach
  void stop() {
    if (friends != null) {
      friends.close();
    }
  }

  @Test
  void threeFriendsChatBothWaysAndIdleConnectionsCloseAndReopen() throws Exception {
    friends = new FriendsFixture(dir);
    for (String name : List.of("alice", "bob", "carol")) {
      friends.user(name);
    }
    // alice's and carol's PeerIds are in the table; bob's is pinned when first met.
    Path table =
        friends.table(
            "friends.txt", Map.of("alice", friends.id("alice"), "carol", friends.id("carol")));
    Member alice = friends.start("alice", table, IDLE);
    Member bob = friends.start("bob", table, IDLE);
    Member carol = friends.start("carol", table, IDLE);
    assertThat(alice.events().awaitNth(NodeEvent.ServerlessStarted.class, 1))
        .isEqualTo(
            new NodeEvent.ServerlessStarted(
                "alice",
                friends.id("alice"),
                new InetSocketAddress("127.0.0.1", friends.port("alice")),
                List.of("bob", "carol")));

    alice.node().send("bob", "hi bob");
    bob.events().awaitReceived("alice", "hi bob");
    bob.node().send("alice", "hi alice");
    alice.events().awaitReceived("bob", "hi alice");
    carol.node().send("alice", "carol here");
    alice.events().awaitReceived("carol", "carol here");
    alice.node().send("carol", "hello carol");
    carol.events().awaitReceived("alice", "hello carol");
    bob.node().send("carol", "bob to carol");
    carol.events().awaitReceived("bob", "bob to carol");
    assertThat(alice.node().profile().contacts().pinned("bob")).contains(friends.id("bob"));

    await()
        .atMost(EventLog.WAIT)
        .untilAsserted(
            () ->
                assertThat(Lines.conversations(alice.node()))
                    .containsExactly("bob (open, idle)", "carol (open, idle)"));
    assertThat(Lines.friends(alice.node())).allMatch(l -> l.contains("not connected")).hasSize(2);
    bob.node().send("alice", "after a pause");
    alice.events().awaitReceived("bob", "hi alice", "after a pause");
    alice.node().send("carol", "me too");
    carol.events().awaitReceived("alice", "hello carol", "me too");

    for (Member m : List.of(alice, bob, carol)) {
      assertThat(m.events().all(NodeEvent.ChatRequested.class)).isEmpty();
      assertThat(m.events().all(NodeEvent.Warning.class)).isEmpty();
      assertThat(m.events().all(NodeEvent.Failed.class)).isEmpty();
    }

    // Groups and broadcasts need no registry either.
    alice.node().createGroup("trio");
    alice.node().inviteToGroup("trio", "bob");
    bob.events().awaitEvent(NodeEvent.GroupInvited.class, i -> true);
    bob.node().acceptGroup("trio");
    alice.events().awaitEvent(new NodeEvent.GroupJoined("trio", "bob"));
    bob.node().sendToGroup("trio", "serverless group");
    alice.events().awaitGroupTexts("trio", "bob", List.of("serverless group"));
    carol.node().broadcast("to all my friends");
    alice.events().awaitEvent(NodeEvent.BroadcastReceived.class, b -> b.from().equals("carol"));
    bob.events().awaitEvent(NodeEvent.BroadcastReceived.class, b -> b.from().equals("carol"));
  }

  @Test
  void aFriendPresentingTheWrongPeerIdIsRefusedBothWays() throws Exception {
    friends = new FriendsFixture(dir);
    friends.user("alice");
    friends.user("bob");
    PeerId notBobs = Identity.generate("someone else").peerId();
    Path alicesTable = friends.table("alice.txt", Map.of("bob", notBobs));
    Path bobsTable = friends.table("bob.txt", Map.of());
    Member alice = friends.start("alice", alicesTable, Duration.ofMinutes(5));
    Member bob = friends.start("bob", bobsTable, Duration.ofMinutes(5));

    alice.node().send("bob", "are you bob?");
    String expected =
        "the peer at 127.0.0.1:"
            + friends.port("bob")
            + " is not bob: it presented PeerId "
            + friends.id("bob")
            + ", but your friends table holds "
            + notBobs
            + " for bob; refused";
    assertThat(alice.events().awaitWarning("is not bob")).isEqualTo(expected);
    assertThat(alice.events().awaitFailed()).isEqualTo(expected);

    bob.node().send("alice", "it is me");
    assertThat(alice.events().awaitWarning("claiming to be bob"))
        .startsWith("refused a connection from 127.0.0.1:")
        .endsWith(
            "claiming to be bob: it presented PeerId "
                + friends.id("bob")
                + ", but your friends table requires "
                + notBobs
                + " for bob");
    assertThat(bob.events().awaitFailed())
        .startsWith("alice refused the connection: refused a connection from");
    assertThat(alice.events().all(NodeEvent.MessageReceived.class)).isEmpty();
    assertThat(bob.events().all(NodeEvent.MessageReceived.class)).isEmpty();
  }

  @Test
  void strangersAndImpostorsOfPinnedFriendsAreRefused() throws Exception {
    friends = new FriendsFixture(dir);
    friends.user("alice");
    friends.user("bob");
    Path table = friends.table("friends.txt", Map.of());
    Member alice = friends.start("alice", table, Duration.ofMinutes(5));
    Member bob = friends.start("bob", table, Duration.ofMinutes(5));
    bob.node().send("alice", "first contact");
    alice.events().awaitReceived("bob", "first contact");

    Identity impostor = Identity.generate("impostor");
    assertThat(refusal(alice, impostor, "mallory"))
        .endsWith("claiming to be mallory: mallory is not in your friends table (" + table + ")");
    assertThat(refusal(alice, impostor, "bob"))
        .endsWith(
            "claiming to be bob: it presented PeerId "
                + impostor.peerId()
                + ", but bob presented "
                + friends.id("bob")
                + " when first met (pinned in your contacts file; delete that line if bob really"
                + " has a new key)");
    assertThat(alice.events().awaitNth(NodeEvent.Warning.class, 2).text())
        .contains("claiming to be bob");
  }

  /** Dials {@code node} as {@code name} with {@code key}; returns the refusal's text. */
  private static String refusal(Member node, Identity key, String name) throws Exception {
    try (RawTlsConnection raw =
        RawTlsConnection.open(node.node().whoami().listen(), node.node().whoami().peerId(), key)) {
      raw.send(new Hello(ProtocolVersion.CURRENT, "raw"));
      assertThat(raw.receive()).isInstanceOf(Welcome.class);
      raw.send(new Introduce(name));
      Failure failure = (Failure) raw.receive();
      assertThat(failure.code()).isEqualTo(ErrorCode.IDENTITY_MISMATCH);
      assertThat(raw.closedByPeer()).isTrue();
      return failure.text();
    }
  }
}
