package p2pchat.peer.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import p2pchat.protocol.message.GroupMember;

/** Member lists merged in any order end up the same; each merge says who joined and who left. */
class GroupMergeTest {
  private static Group group(GroupMember... members) {
    Group g = new Group(UUID.randomUUID(), "team");
    for (GroupMember m : members) {
      g.set(m);
    }
    return g;
  }

  @Test
  void theHigherVersionWinsAndAtEqualVersionsALeave() {
    Group g =
        group(
            new GroupMember("alice", 1, true),
            new GroupMember("bob", 3, true),
            new GroupMember("carol", 2, true));

    Group.Changes changes =
        g.merge(
            List.of(
                new GroupMember("bob", 2, false), // older: ignored
                new GroupMember("carol", 2, false), // same version, a leave: wins
                new GroupMember("dave", 1, true)));

    assertThat(changes.joined()).containsExactly("dave");
    assertThat(changes.left()).containsExactly("carol");
    assertThat(g.joined()).containsExactly("alice", "bob", "dave");
    assertThat(g.version("bob")).isEqualTo(3);
  }

  @Test
  void mergingWhatIsKnownChangesNothing() {
    Group g = group(new GroupMember("alice", 1, true), new GroupMember("bob", 1, true));

    Group.Changes changes = g.merge(g.snapshot());

    assertThat(changes.any()).isFalse();
    assertThat(g.covers(List.of(new GroupMember("bob", 1, true)))).isTrue();
    assertThat(g.coveredBy(List.of(new GroupMember("bob", 1, true)))).isFalse();
  }

  @Test
  void listsMergedInAnyOrderAgree() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      List<List<GroupMember>> updates = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        updates.add(
            List.of(
                new GroupMember(
                    "m" + random.nextInt(5), 1 + random.nextInt(4), random.nextBoolean())));
      }
      Group a = group();
      updates.forEach(a::merge);
      List<List<GroupMember>> shuffled = new ArrayList<>(updates);
      Collections.shuffle(shuffled, random);
      Group b = group();
      shuffled.forEach(b::merge);
      // and once more, in pieces, as a member passing lists on would
      Group c = group();
      c.merge(b.snapshot());
      c.merge(a.snapshot());

      assertThat(b.snapshot()).isEqualTo(a.snapshot());
      assertThat(c.snapshot()).isEqualTo(a.snapshot());
    }
  }
}
