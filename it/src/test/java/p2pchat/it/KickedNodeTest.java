package p2pchat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.it.Cluster.Member;
import p2pchat.peer.NodeEvent;
import p2pchat.protocol.message.AdminMessage.SessionInfo;
import p2pchat.protocol.message.RegistryMessage.PresenceChange;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * A node an operator kicks is told why and stays logged out (it does not log in again by itself,
 * however short its reconnect wait), until its user logs in again; everyone else online sees who
 * was kicked and why. A ban keeps it out even then.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class KickedNodeTest {
  /** Far shorter than the quiet period below: a node that meant to log in again would have. */
  private static final Duration RECONNECT_MAX = Duration.ofMillis(200);

  @TempDir Path dir;

  @Test
  void aKickedNodeStaysOutAndTheOthersSeeWhyUntilItsUserLogsInAgain() throws Exception {
    try (Cluster cluster = new Cluster(dir)) {
      Member alice = cluster.join("alice");
      Member bob = cluster.join("bob");
      Member mallory =
          cluster.start(cluster.config("mallory").registering().withReconnectMax(RECONNECT_MAX));
      alice.events().awaitEvent(NodeEvent.UserJoined.class, e -> e.peer().name().equals("mallory"));

      cluster.registry().admin().kick("mallory", "spamming");

      assertThat(mallory.events().awaitNth(NodeEvent.LoggedOut.class, 1).text())
          .isEqualTo("kicked by an operator: spamming");
      for (Member other : new Member[] {alice, bob}) {
        NodeEvent.UserLeft left =
            other
                .events()
                .awaitEvent(NodeEvent.UserLeft.class, e -> e.peer().name().equals("mallory"));
        assertThat(left.reason()).isEqualTo(PresenceChange.Reason.KICKED);
        assertThat(left.note()).isEqualTo("spamming");
        assertThat(other.node().users()).noneMatch(p -> p.name().equals("mallory"));
      }
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  mallory.events().all(NodeEvent.LoggedIn.class).size() == 1
                      && cluster.registry().admin().sessions().stream()
                          .map(SessionInfo::name)
                          .noneMatch("mallory"::equals));
      assertThat(mallory.events().all(NodeEvent.RegistryLost.class)).isEmpty();
      assertThat(mallory.events().all(NodeEvent.LoggedOut.class)).hasSize(1);

      // Its user logs in again on purpose: that works, and the others see mallory back.
      mallory.node().login();
      mallory.events().awaitNth(NodeEvent.LoggedIn.class, 2);
      await()
          .atMost(EventLog.WAIT)
          .until(
              () ->
                  alice.events().all(NodeEvent.UserJoined.class).stream()
                          .filter(e -> e.peer().name().equals("mallory"))
                          .count()
                      == 2);

      // A ban ends the session the same way, and this time logging in again is refused.
      cluster.registry().admin().ban("mallory", "still spamming");
      assertThat(mallory.events().awaitNth(NodeEvent.LoggedOut.class, 2).text())
          .isEqualTo("banned by an operator: still spamming");
      mallory.node().login();
      assertThat(mallory.events().awaitFailed())
          .isEqualTo("cannot log in: mallory is banned: still spamming");
    }
  }
}
