package p2pchat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.it.Cluster.Member;
import p2pchat.peer.NodeEvent;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * A five-member group: invitations answered both ways, members told of every join and leave and
 * agreeing on who is in, messages from every member seen by every other exactly once and in each
 * sender's order, and a member restarted mid-conversation still a member, missing nothing.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class GroupChatTest {
  private static final List<String> NAMES = List.of("alice", "bob", "carol", "dave", "erin");

  @TempDir Path dir;
  private Cluster cluster;
  private final List<Member> members = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    cluster = new Cluster(dir);
    for (String name : NAMES) {
      members.add(cluster.join(name));
    }
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void fiveMembersJoinTalkAndAgreeOnWhoIsIn() throws Exception {
    Member frank = cluster.join("frank");
    Member alice = members.get(0);
    formTeam();

    // frank declines: alice is told, nobody's list changes.
    alice.node().inviteToGroup("team", "frank");
    frank.events().awaitEvent(NodeEvent.GroupInvited.class, i -> i.group().equals("team"));
    assertThat(frank.events().all(NodeEvent.GroupInvited.class).get(0).members())
        .containsExactlyElementsOf(NAMES);
    frank.node().declineGroup("team");
    alice.events().awaitEvent(new NodeEvent.GroupDeclined("team", "frank"));
    assertThat(Lines.groups(frank.node())).isEmpty();

    // Everyone writes at once; everyone else sees each sender's messages once, in order.
    List<Thread> writers = new ArrayList<>();
    for (Member m : members) {
      writers.add(
          Thread.ofPlatform()
              .start(() -> texts(m.name(), 1, 20).forEach(t -> m.node().sendToGroup("team", t))));
    }
    for (Thread t : writers) {
      t.join();
    }
    for (Member receiver : members) {
      for (Member sender : members) {
        if (sender != receiver) {
          receiver.events().awaitGroupTexts("team", sender.name(), texts(sender.name(), 1, 20));
        }
      }
      assertThat(receiver.events().groupTexts("team", receiver.name())).isEmpty();
      assertThat(receiver.events().all(NodeEvent.GroupGap.class)).isEmpty();
    }
    assertThat(frank.events().all(NodeEvent.GroupMessage.class)).isEmpty();

    // dave leaves: the others are told and agree; dave hears no more.
    Member dave = members.get(3);
    dave.node().leaveGroup("team");
    for (Member m : members) {
      if (m != dave) {
        m.events().awaitEvent(new NodeEvent.GroupLeft("team", "dave"));
      }
    }
    awaitAgreement(List.of("alice", "bob", "carol", "erin"));
    assertThat(Lines.groups(dave.node())).isEmpty();
    alice.node().sendToGroup("team", "without dave");
    members
        .get(4)
        .events()
        .awaitGroupTexts("team", "alice", withAll(texts("alice", 1, 20), "without dave"));
    assertThat(dave.events().groupTexts("team", "alice")).doesNotContain("without dave");
  }

  @Test
  void aMemberRestartedMidConversationIsStillInAndMissesNothing() throws Exception {
    formTeam();
    Member alice = members.get(0);
    Member bob = members.get(1);
    Member erin = members.get(4);
    alice.node().sendToGroup("team", "before");
    erin.events().awaitGroupTexts("team", "alice", List.of("before"));

    cluster.stop(erin);
    alice.events().awaitEvent(NodeEvent.UserLeft.class, l -> l.peer().name().equals("erin"));
    alice.node().sendToGroup("team", "while erin is away 1");
    bob.node().sendToGroup("team", "while erin is away 2");
    alice.node().sendToGroup("team", "while erin is away 3");
    members
        .get(2)
        .events()
        .awaitGroupTexts(
            "team", "alice", List.of("before", "while erin is away 1", "while erin is away 3"));

    Member erinAgain = cluster.restart(erin);
    members.set(4, erinAgain);
    assertThat(Lines.groups(erinAgain.node())).singleElement().asString().startsWith("#team: ");
    erinAgain
        .events()
        .awaitGroupTexts("team", "alice", List.of("while erin is away 1", "while erin is away 3"));
    erinAgain.events().awaitGroupTexts("team", "bob", List.of("while erin is away 2"));

    alice.node().sendToGroup("team", "welcome back");
    erinAgain.node().sendToGroup("team", "glad to be back");
    erinAgain
        .events()
        .awaitGroupTexts(
            "team",
            "alice",
            List.of("while erin is away 1", "while erin is away 3", "welcome back"));
    for (Member m : members.subList(0, 4)) {
      m.events().awaitGroupTexts("team", "erin", List.of("glad to be back"));
    }
    awaitAgreement(NAMES);
    assertThat(erinAgain.events().all(NodeEvent.GroupGap.class)).isEmpty();
    assertThat(erinAgain.events().all(NodeEvent.GroupJoined.class)).isEmpty();
  }

  /** alice creates #team and invites the other four, who accept; everyone agrees on the list. */
  private void formTeam() {
    Member alice = members.get(0);
    alice.node().createGroup("team");
    alice.events().awaitEvent(new NodeEvent.GroupEntered("team", List.of("alice")));
    for (Member invitee : members.subList(1, members.size())) {
      alice.node().inviteToGroup("team", invitee.name());
      invitee.events().awaitEvent(NodeEvent.GroupInvited.class, i -> i.group().equals("team"));
      invitee.node().acceptGroup("team");
      invitee.events().awaitEvent(NodeEvent.GroupEntered.class, e -> e.group().equals("team"));
      for (Member m : members.subList(0, members.indexOf(invitee))) {
        m.events().awaitEvent(new NodeEvent.GroupJoined("team", invitee.name()));
      }
    }
    awaitAgreement(NAMES);
  }

  private void awaitAgreement(List<String> expected) {
    await()
        .atMost(EventLog.WAIT)
        .untilAsserted(
            () -> {
              for (Member m : members) {
                if (expected.contains(m.name())) {
                  assertThat(Lines.members(m.node(), "team"))
                      .as("%s's list of #team", m.name())
                      .containsExactlyElementsOf(
                          expected.stream()
                              .map(n -> n.equals(m.name()) ? n + " (you)" : n)
                              .toList());
                }
              }
            });
  }

  private static List<String> texts(String from, int first, int count) {
    return IntStream.range(first, first + count).mapToObj(i -> from + " #" + i).toList();
  }

  private static List<String> withAll(List<String> list, String... more) {
    List<String> all = new ArrayList<>(list);
    all.addAll(List.of(more));
    return all;
  }
}
