package p2pchat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.it.Cluster.Member;
import p2pchat.peer.NodeEvent;
import p2pchat.protocol.ProtocolVersion;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.message.ConnectionMessage.Hello;
import p2pchat.protocol.message.ConnectionMessage.Welcome;
import p2pchat.protocol.message.GroupMember;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.PeerMessage.GroupAnswer;
import p2pchat.protocol.message.PeerMessage.GroupInvite;
import p2pchat.protocol.message.PeerMessage.GroupMembers;
import p2pchat.protocol.message.PeerMessage.GroupText;
import p2pchat.protocol.message.PeerMessage.Introduce;
import p2pchat.protocol.message.PeerMessage.Introduced;
import p2pchat.protocol.testing.RawTlsConnection;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * What a receiver does with group messages however they arrive: a copy arriving twice is shown
 * once, a skipped sequence number is reported as a gap, a late one is still shown once, and a
 * message claiming another sender is not shown. A restarted receiver remembers what it saw.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class GroupDeliveryTest {
  private static final UUID CREW = UUID.randomUUID();

  @TempDir Path dir;
  private Cluster cluster;
  private final Identity mallorysKey = Identity.generate("mallory");

  @BeforeEach
  void start() throws Exception {
    cluster = new Cluster(dir);
    try (ServerSocket s = new ServerSocket(0)) {
      cluster.registerAndLogIn("mallory", mallorysKey, s.getLocalPort());
    }
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void duplicatesShowOnceGapsAreReportedAndLateMessagesShowOnce() throws Exception {
    Member bob = cluster.join("bob");
    try (RawTlsConnection mallory = connect(bob)) {
      // A group name that is no name (it would go into a file and onto a screen) is dropped.
      mallory.send(
          new GroupInvite(
              UUID.randomUUID(), "crew\n* you won", List.of(new GroupMember("mallory", 1, true))));
      mallory.send(new GroupInvite(CREW, "crew", List.of(new GroupMember("mallory", 1, true))));
      bob.events().awaitEvent(new NodeEvent.GroupInvited("crew", "mallory", List.of("mallory")));
      assertThat(bob.events().all(NodeEvent.GroupInvited.class)).hasSize(1);
      bob.node().acceptGroup("crew");
      assertThat(receive(mallory, GroupAnswer.class)).isEqualTo(new GroupAnswer(CREW, true));
      bob.events().awaitEvent(new NodeEvent.GroupEntered("crew", List.of("bob", "mallory")));
      mallory.send(
          new GroupMembers(
              CREW,
              "crew",
              List.of(new GroupMember("mallory", 1, true), new GroupMember("bob", 1, true))));

      mallory.send(
          text(1, 101, "one"),
          text(1, 101, "one"),
          text(2, 102, "two"),
          text(5, 105, "five"),
          text(3, 103, "three, late"),
          text(3, 103, "three, late"),
          text(2, 999, "two again, another id"),
          new GroupText(CREW, "alice", 6, 106, 0, "not from alice"),
          text(6, 106, "six"));

      bob.events()
          .awaitGroupTexts("crew", "mallory", List.of("one", "two", "five", "three, late", "six"));
      assertThat(bob.events().all(NodeEvent.GroupGap.class))
          .containsExactly(new NodeEvent.GroupGap("crew", "mallory", 2));
      List<NodeEvent> log = bob.events().all();
      assertThat(log.indexOf(new NodeEvent.GroupGap("crew", "mallory", 2)))
          .isLessThan(indexOfText(log, "five"))
          .isGreaterThan(indexOfText(log, "two"));
      assertThat(bob.events().awaitWarning("claiming to be from alice"))
          .isEqualTo("a message to #crew claiming to be from alice came from mallory; not shown");
    }

    // A restart keeps what was seen: an old copy is not shown again, the missing 4 still is.
    Member bobAgain = cluster.restart(bob);
    try (RawTlsConnection mallory = connect(bobAgain)) {
      mallory.send(text(6, 106, "six"), text(4, 104, "four, late"), text(7, 107, "seven"));
      bobAgain.events().awaitGroupTexts("crew", "mallory", List.of("four, late", "seven"));
    }
    assertThat(bobAgain.events().all(NodeEvent.GroupGap.class)).isEmpty();
    // (bob's list, sent at start to the other members, may still wait for mallory to be back)
    assertThat(Lines.members(bobAgain.node(), "crew"))
        .satisfiesExactly(
            you -> assertThat(you).isEqualTo("bob (you)"),
            other -> assertThat(other).startsWith("mallory"));
  }

  private RawTlsConnection connect(Member to) throws Exception {
    RawTlsConnection raw =
        RawTlsConnection.open(
            to.node().whoami().listen(), to.node().whoami().peerId(), mallorysKey);
    raw.send(new Hello(ProtocolVersion.CURRENT, "mallory"));
    assertThat(raw.receive()).isInstanceOf(Welcome.class);
    raw.send(new Introduce("mallory"));
    assertThat(raw.receive()).isEqualTo(new Introduced(to.name()));
    return raw;
  }

  private static GroupText text(long seq, long id, String text) {
    return new GroupText(CREW, "mallory", seq, id, 1_700_000_000_000L, text);
  }

  private static <T extends Message> T receive(RawTlsConnection raw, Class<T> type)
      throws Exception {
    while (true) {
      Message m = raw.receive();
      if (type.isInstance(m)) {
        return type.cast(m);
      }
    }
  }

  private static int indexOfText(List<NodeEvent> log, String text) {
    for (int i = 0; i < log.size(); i++) {
      if (log.get(i) instanceof NodeEvent.GroupMessage m && m.text().equals(text)) {
        return i;
      }
    }
    return -1;
  }
}
