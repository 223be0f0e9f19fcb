package p2pchat.peer.group;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.net.FakeDialer;
import p2pchat.peer.net.FakeLink;
import p2pchat.peer.net.LinkPool;
import p2pchat.protocol.Limits;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.GroupMember;
import p2pchat.protocol.message.PeerMessage.GroupAnswer;
import p2pchat.protocol.message.PeerMessage.GroupInvite;
import p2pchat.protocol.message.PeerMessage.GroupMembers;
import p2pchat.protocol.message.PeerMessage.GroupRefused;

/**
 * Alice under a flood of invitations: she keeps at most {@link Limits#MAX_INVITATIONS_PER_SENDER}
 * from one inviter and {@link Limits#MAX_INVITATIONS} in all, and 50 names of each; the rest are
 * refused back to their inviters, logged once, and not shown.
 */
class InvitationFloodTest {
  private static final PeerId SOMEONE = Identity.generate("someone").peerId();

  @TempDir Path profile;
  private final List<NodeEvent> events = new ArrayList<>();
  private final FakeDialer dialer = new FakeDialer();
  private final FakeLink bob = new FakeLink("bob", SOMEONE, false);
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger invitationsLog = (Logger) LoggerFactory.getLogger(Invitations.class);
  private Groups groups;

  @BeforeEach
  void start() {
    dialer.reachable(bob);
    groups =
        new Groups(
            "alice", profile, new LinkPool(dialer, Runnable::run), Runnable::run, events::add);
    log.start();
    invitationsLog.addAppender(log);
    invitationsLog.setLevel(Level.INFO);
  }

  @AfterEach
  void stopLog() {
    invitationsLog.detachAppender(log);
    invitationsLog.setLevel(null);
  }

  /** An invitation from {@code inviter} into {@code group} with {@code others} more members. */
  private static GroupInvite invite(String group, String inviter, int others) {
    List<GroupMember> members = new ArrayList<>();
    members.add(new GroupMember(inviter, 1, true));
    for (int i = 0; i < others; i++) {
      members.add(new GroupMember("m" + i + "_" + group, 1, true)); // new strings, as decoded
    }
    return new GroupInvite(UUID.randomUUID(), group, members);
  }

  private long shownInvitations() {
    return events.stream().filter(NodeEvent.GroupInvited.class::isInstance).count();
  }

  private long keptInvitations() {
    return groups.list().stream().filter(GroupListing.Invited.class::isInstance).count();
  }

  private long infoLines() {
    return log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).count();
  }

  @Test
  void oneInviterGetsTenKeptAndTheRestRefused() {
    for (int i = 0; i < 1_000; i++) {
      groups.received(bob, invite("g" + i, "bob", 3));
    }

    assertThat(keptInvitations()).isEqualTo(Limits.MAX_INVITATIONS_PER_SENDER);
    assertThat(shownInvitations()).isEqualTo(Limits.MAX_INVITATIONS_PER_SENDER);
    List<GroupRefused> refusals = bob.sent(GroupRefused.class);
    assertThat(refusals).hasSize(1_000 - Limits.MAX_INVITATIONS_PER_SENDER);
    assertThat(refusals.getFirst().reason())
        .isEqualTo(
            "alice has 10 invitations from you unanswered, the most it keeps from one inviter;"
                + " try again once it answered one");
    assertThat(infoLines()).isEqualTo(1);
  }

  @Test
  void manyInvitersGetAHundredKeptInAll() {
    List<FakeLink> inviters = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      FakeLink inviter = new FakeLink("u" + i, SOMEONE, false);
      inviters.add(inviter);
      groups.received(inviter, invite("g" + i, inviter.peerName(), 3));
    }

    assertThat(keptInvitations()).isEqualTo(Limits.MAX_INVITATIONS);
    assertThat(shownInvitations()).isEqualTo(Limits.MAX_INVITATIONS);
    assertThat(inviters.subList(0, 100)).allMatch(l -> l.sent().isEmpty());
    assertThat(inviters.subList(100, 300))
        .allSatisfy(
            l ->
                assertThat(l.sent())
                    .singleElement()
                    .isInstanceOfSatisfying(
                        GroupRefused.class,
                        r -> assertThat(r.reason()).contains("100 invitations unanswered")));
    assertThat(infoLines()).isEqualTo(1);
  }

  @Test
  void aRepeatedInvitationIsKeptOnceAndDoesNotCountTwice() {
    GroupInvite same = invite("team", "bob", 3);
    for (int i = 0; i < 50; i++) {
      groups.received(bob, same);
    }
    assertThat(keptInvitations()).isEqualTo(1);
    assertThat(shownInvitations()).isEqualTo(1);

    for (int i = 1; i < Limits.MAX_INVITATIONS_PER_SENDER; i++) {
      groups.received(bob, invite("g" + i, "bob", 3));
    }
    groups.received(bob, invite("team", "bob", 4)); // a new invitation into #team replaces the old

    assertThat(bob.sent()).isEmpty();
    assertThat(keptInvitations()).isEqualTo(Limits.MAX_INVITATIONS_PER_SENDER);
    groups.received(bob, invite("one-more", "bob", 3));
    assertThat(bob.sent(GroupRefused.class)).hasSize(1);
  }

  @Test
  void aLongMemberListIsCutWhereShownAndAcceptingStillJoinsWithAllOfIt() {
    GroupInvite big = invite("team", "bob", 900);
    // bob last in the list: kept though beyond the names shown
    List<GroupMember> bobLast = new ArrayList<>(big.members().subList(1, 901));
    bobLast.add(big.members().getFirst());
    groups.received(bob, new GroupInvite(big.groupId(), "team", bobLast));

    NodeEvent.GroupInvited shown = (NodeEvent.GroupInvited) events.getFirst();
    assertThat(shown.members()).hasSize(Limits.MAX_INVITATION_MEMBERS_SHOWN + 1);
    assertThat(shown.members()).last().isEqualTo("and 851 more");

    groups.accept("team");
    assertThat(bob.sent()).containsExactly(new GroupAnswer(big.groupId(), true));
    assertThat(groups.members("team")).extracting(MemberInfo::name).contains("bob", "alice");

    // bob adds alice and sends everyone the whole list
    List<GroupMember> whole = new ArrayList<>(big.members());
    whole.add(new GroupMember("alice", 1, true));
    groups.received(bob, new GroupMembers(big.groupId(), "team", whole));
    assertThat(groups.members("team")).hasSize(902);
  }

  @Test
  void aRefusalOfOursIsToldToTheInviter() {
    groups.create("team");
    groups.invite("team", "bob");
    UUID id = bob.sent(GroupInvite.class).getFirst().groupId();
    events.clear();

    groups.received(bob, new GroupRefused(UUID.randomUUID(), "not ours")); // ignored
    groups.received(bob, new GroupRefused(id, "bob has 100 invitations unanswered"));
    groups.received(bob, new GroupRefused(id, "again")); // answered already: ignored

    assertThat(events)
        .containsExactly(
            new NodeEvent.Warning(
                NodeEvent.Code.INVITATION_REFUSED,
                "bob did not get the invitation into #team: bob has 100 invitations unanswered"));
  }

  @Test
  void tenThousandInvitationsOfAThousandMembersTakeLittleMemory() {
    long before = usedAfterGc();
    List<FakeLink> inviters = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      FakeLink inviter = new FakeLink("u" + i, SOMEONE, false);
      inviters.add(inviter);
      groups.received(inviter, invite("g" + i, inviter.peerName(), 999));
    }
    long used = usedAfterGc() - before;

    System.out.printf(
        "10,000 invitations of 1,000 members: %,d kept, %,d shown, %.1f MB kept on the heap%n",
        keptInvitations(), shownInvitations(), used / 1e6);
    assertThat(keptInvitations()).isEqualTo(Limits.MAX_INVITATIONS);
    assertThat(shownInvitations()).isEqualTo(Limits.MAX_INVITATIONS);
    assertThat(events)
        .filteredOn(NodeEvent.GroupInvited.class::isInstance)
        .allSatisfy(e -> assertThat(((NodeEvent.GroupInvited) e).members()).hasSize(51));
    assertThat(used).isLessThan(100_000_000L);
    assertThat(inviters).hasSize(10_000); // kept reachable until measured
  }

  private static long usedAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      least = Math.min(least, runtime.totalMemory() - runtime.freeMemory());
    }
    return least;
  }
}
