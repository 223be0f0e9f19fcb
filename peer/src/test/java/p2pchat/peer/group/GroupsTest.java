package p2pchat.peer.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.net.FakeDialer;
import p2pchat.peer.net.FakeLink;
import p2pchat.peer.net.LinkPool;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.message.GroupMember;
import p2pchat.protocol.message.PeerMessage.GroupAnswer;
import p2pchat.protocol.message.PeerMessage.GroupInvite;
import p2pchat.protocol.message.PeerMessage.GroupMembers;
import p2pchat.protocol.message.PeerMessage.GroupText;

/** Alice's groups, with bob and carol over fake links, the actor run in the test's thread. */
class GroupsTest {
  private static final UUID TEAM = UUID.fromString("00000000-0000-0000-0000-00000000beef");

  @TempDir Path profile;
  private final List<NodeEvent> events = new ArrayList<>();
  private final FakeDialer dialer = new FakeDialer();
  private final FakeLink bob = new FakeLink("bob", Identity.generate("bob").peerId(), false);
  private final FakeLink carol = new FakeLink("carol", Identity.generate("carol").peerId(), false);
  private Groups groups;

  @BeforeEach
  void start() {
    dialer.reachable(bob).reachable(carol);
    groups =
        new Groups(
            "alice", profile, new LinkPool(dialer, Runnable::run), Runnable::run, events::add);
  }

  private static GroupText text(String sender, long seq, long id, String words) {
    return new GroupText(TEAM, sender, seq, id, 1_000 * seq, words);
  }

  private static NodeEvent.GroupMessage shown(String sender, long seq, String words) {
    return new NodeEvent.GroupMessage("team", sender, words, Instant.ofEpochMilli(1_000 * seq));
  }

  /** Bob invited alice into #team and she accepted; nothing sent or told yet. */
  private void joinedBobsTeam() {
    groups.received(bob, new GroupInvite(TEAM, "team", List.of(new GroupMember("bob", 1, true))));
    groups.accept("team");
    bob.clear();
    events.clear();
  }

  @Test
  void anInvitationGoesOutWithTheMemberList() {
    groups.create("team");
    assertThat(events).containsExactly(new NodeEvent.GroupEntered("team", List.of("alice")));

    groups.invite("team", "bob");

    GroupInvite invite = bob.sent(GroupInvite.class).getFirst();
    assertThat(invite.groupName()).isEqualTo("team");
    assertThat(invite.members()).containsExactly(new GroupMember("alice", 1, true));
    assertThat(events)
        .last()
        .isEqualTo(new NodeEvent.Notice(NodeEvent.Code.INVITATION_SENT, "invited bob into #team"));
  }

  @Test
  void anAcceptedInvitationAddsTheMemberAndSendsTheNewList() {
    groups.create("team");
    groups.invite("team", "bob");
    UUID id = bob.sent(GroupInvite.class).getFirst().groupId();
    bob.clear();
    events.clear();

    groups.received(bob, new GroupAnswer(id, true));

    assertThat(events).containsExactly(new NodeEvent.GroupJoined("team", "bob"));
    assertThat(bob.sent())
        .containsExactly(
            new GroupMembers(
                id,
                "team",
                List.of(new GroupMember("alice", 1, true), new GroupMember("bob", 1, true))));
    assertThat(groups.members("team"))
        .containsExactly(new MemberInfo("alice", true, 0), new MemberInfo("bob", false, 0));
  }

  @Test
  void aDeclinedInvitationIsToldAndOnlyTheInvitedAnswerCounts() {
    groups.create("team");
    groups.invite("team", "bob");
    UUID id = bob.sent(GroupInvite.class).getFirst().groupId();
    events.clear();

    groups.received(carol, new GroupAnswer(id, true)); // not invited: ignored
    groups.received(bob, new GroupAnswer(id, false));

    assertThat(events).containsExactly(new NodeEvent.GroupDeclined("team", "bob"));
    assertThat(groups.members("team")).containsExactly(new MemberInfo("alice", true, 0));
  }

  @Test
  void aReceivedInvitationIsToldAndAcceptingJoins() {
    groups.received(bob, new GroupInvite(TEAM, "team", List.of(new GroupMember("bob", 1, true))));
    assertThat(events).containsExactly(new NodeEvent.GroupInvited("team", "bob", List.of("bob")));

    groups.accept("team");

    assertThat(bob.sent()).containsExactly(new GroupAnswer(TEAM, true));
    assertThat(events)
        .last()
        .isEqualTo(new NodeEvent.GroupEntered("team", List.of("alice", "bob")));
    assertThat(groups.names()).containsExactly("team");
  }

  @Test
  void decliningAnInvitationTellsTheInviter() {
    groups.received(bob, new GroupInvite(TEAM, "team", List.of(new GroupMember("bob", 1, true))));
    events.clear();

    groups.decline("team");

    assertThat(bob.sent()).containsExactly(new GroupAnswer(TEAM, false));
    assertThat(events)
        .containsExactly(
            new NodeEvent.Notice(
                NodeEvent.Code.INVITATION_DECLINED, "declined the invitation into #team"));
    groups.accept("team");
    assertThat(events)
        .last()
        .isEqualTo(
            new NodeEvent.Failed(
                NodeEvent.Code.NO_SUCH_GROUP, "nobody has invited you into a group named team"));
  }

  @Test
  void aTextIsShownOnceAndAGapIsTold() {
    joinedBobsTeam();

    groups.received(bob, text("bob", 1, 11, "one"));
    groups.received(bob, text("bob", 1, 11, "one")); // the same message again
    groups.received(bob, text("bob", 4, 14, "four")); // 2 and 3 missing
    groups.received(bob, text("bob", 2, 12, "two")); // late: shown once
    groups.received(bob, text("bob", 2, 12, "two"));

    assertThat(events)
        .containsExactly(
            shown("bob", 1, "one"),
            new NodeEvent.GroupGap("team", "bob", 2),
            shown("bob", 4, "four"),
            shown("bob", 2, "two"));
  }

  @Test
  void aTextInAnothersNameIsFlagged() {
    joinedBobsTeam();

    groups.received(bob, text("carol", 1, 21, "trust me"));

    assertThat(events)
        .containsExactly(
            new NodeEvent.Warning(
                NodeEvent.Code.FORGED_GROUP_MESSAGE,
                "a message to #team claiming to be from carol came from bob; not shown"));
  }

  @Test
  void aMemberListWithANewcomerIsAJoinAndReleasesItsHeldTexts() {
    joinedBobsTeam();
    groups.received(carol, text("carol", 1, 31, "hello all")); // not known as a member yet
    assertThat(events).isEmpty();
    assertThat(bob.sent(GroupMembers.class)).hasSize(1); // asks the others for their lists

    groups.received(
        bob,
        new GroupMembers(
            TEAM,
            "team",
            List.of(
                new GroupMember("alice", 1, true),
                new GroupMember("bob", 1, true),
                new GroupMember("carol", 1, true))));

    assertThat(events)
        .containsExactly(
            new NodeEvent.GroupJoined("team", "carol"), shown("carol", 1, "hello all"));
  }

  @Test
  void aTextGoesToEveryOtherMember() {
    joinedBobsTeam();

    groups.say("team", "hello bob");

    GroupText sent = bob.sent(GroupText.class).getFirst();
    assertThat(sent.sender()).isEqualTo("alice");
    assertThat(sent.seq()).isEqualTo(1);
    assertThat(sent.text()).isEqualTo("hello bob");
    assertThat(events).isEmpty();
  }

  @Test
  void leavingTellsTheOthers() {
    joinedBobsTeam();

    groups.leave("team");

    assertThat(bob.sent(GroupMembers.class).getFirst().members())
        .contains(new GroupMember("alice", 2, false));
    assertThat(events)
        .containsExactly(new NodeEvent.Notice(NodeEvent.Code.GROUP_LEFT, "you left #team"));
    assertThat(groups.names()).isEmpty();
  }
}
