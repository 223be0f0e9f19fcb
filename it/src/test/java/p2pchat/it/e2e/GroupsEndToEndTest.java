package p2pchat.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broadcasts and a group chat through real `p2pchat chat` processes started by the launcher and
 * driven through stdin, with a real registry process.
 */
class GroupsEndToEndTest {
  @TempDir Path home;

  @Test
  void aBroadcastAndAGroupThroughTheLauncher() throws Exception {
    RunningRegistry registry = RunningRegistry.start(home, home.resolve("registry-data"), 0);
    try (LaunchedProcess registryProcess = registry.process();
        LaunchedProcess alice = registry.chat(home, "alice");
        LaunchedProcess bob = registry.chat(home, "bob");
        LaunchedProcess carol = registry.chat(home, "carol")) {
      alice.awaitLine("* bob is online");
      alice.awaitLine("* carol is online");

      // A broadcast: everyone online sees it once, marked as alice's.
      alice.type("/all hello everyone");
      alice.awaitLine("* broadcast sent to 2 peers: bob, carol");
      bob.awaitLine("[alice to all] hello everyone");
      carol.awaitLine("[alice to all] hello everyone");

      // A group: invitations accepted and declined.
      alice.type("/group create team");
      alice.awaitLine("* you are in group #team (just you: /group invite team NAME)");
      alice.type("/group invite team bob");
      alice.type("/group invite team carol");
      bob.awaitLine(
          "* alice invites you into group #team (members: alice): /group accept team or"
              + " /group decline team");
      carol.awaitLine("* alice invites you into group #team");
      bob.type("/group accept team");
      bob.awaitLine("* you are in group #team with alice, bob");
      alice.awaitLine("* #team: bob joined");
      carol.type("/group decline team");
      alice.awaitLine("* #team: carol declined your invitation");

      // Messages both ways; carol, not a member, sees none.
      alice.type("#team/hi team");
      bob.awaitLine("[#team alice] hi team");
      bob.type("/g team hi alice");
      alice.awaitLine("[#team bob] hi alice");
      bob.type("/group members team");
      bob.awaitLine("#team (2 members):");
      bob.awaitLine("  bob (you)");

      // carol is asked again and joins; then bob leaves, and the others are told.
      alice.type("/group invite team carol");
      carol.awaitLine("* alice invites you into group #team (members: alice, bob)");
      carol.type("/group accept team");
      carol.awaitLine("* you are in group #team with alice, bob, carol");
      bob.awaitLine("* #team: carol joined");
      carol.type("#team/carol here");
      alice.awaitLine("[#team carol] carol here");
      bob.awaitLine("[#team carol] carol here");
      bob.type("/group leave team");
      bob.awaitLine("* you left #team");
      alice.awaitLine("* #team: bob left");
      carol.awaitLine("* #team: bob left");
      carol.type("/groups");
      carol.awaitLine("#team: alice, carol");

      assertThat(carol.saw("hi team")).isFalse();
      assertThat(bob.lines()).filteredOn(l -> l.contains("hello everyone")).hasSize(1);
      assertThat(registryProcess.lines())
          .noneMatch(l -> l.contains("hello everyone") || l.contains("hi team"));
      for (LaunchedProcess p : new LaunchedProcess[] {alice, bob, carol}) {
        p.type("/quit");
        assertThat(p.awaitExit(Duration.ofSeconds(20))).isZero();
        assertThat(p.lines()).noneMatch(l -> l.startsWith("error:") || l.contains("Exception"));
      }
    }
  }
}
