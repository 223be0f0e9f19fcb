package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.RegistryClient;

/**
 * Announcements: every other online peer hears who joins and leaves, and why; the subject does not
 * hear about itself.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class PresenceTest {
  @TempDir Path data;

  private RegistryFixture registry;
  private final PresenceRecorder carolHears = new PresenceRecorder();
  private final PresenceRecorder daveHears = new PresenceRecorder();

  @BeforeEach
  void start() throws Exception {
    registry = new RegistryFixture(data);
    registry.online("carol", carolHears);
    registry.online("dave", daveHears);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void othersHearALoginAndALogout() throws Exception {
    PresenceRecorder aliceHears = new PresenceRecorder();
    RegistryClient alice = registry.online("alice", aliceHears);
    awaitHeardByOthers("JOINED alice LOGIN");
    alice.online(); // a round trip, so that an announcement to alice would have arrived by now

    alice.logout();

    awaitHeardByOthers("LEFT alice LOGOUT");
    assertThat(aliceHears.lines()).noneMatch(line -> line.contains(" alice "));
    assertThat(carolHears.lines())
        .containsSubsequence("JOINED dave LOGIN", "JOINED alice LOGIN", "LEFT alice LOGOUT");
  }

  @Test
  void othersHearAClientThatClosedWithoutLoggingOut() throws Exception {
    RegistryClient bob = registry.online("bob", new PresenceRecorder());
    awaitHeardByOthers("JOINED bob LOGIN");

    bob.close();

    awaitHeardByOthers("LEFT bob DISCONNECTED");
    assertThat(daveHears.lines()).containsExactly("JOINED bob LOGIN", "LEFT bob DISCONNECTED");
  }

  @Test
  void goingInvisibleSoundsLikeALogoutAndVisibleAgainLikeALogin() throws Exception {
    PresenceRecorder xHears = new PresenceRecorder();
    RegistryClient x = registry.online("x", xHears);
    awaitHeardByOthers("JOINED x LOGIN");

    x.setVisible(false);
    awaitHeardByOthers("LEFT x LOGOUT");
    x.setVisible(true);
    awaitHeardByOthers("JOINED x LOGIN", "LEFT x LOGOUT", "JOINED x LOGIN");
    x.online();

    assertThat(xHears.lines()).noneMatch(line -> line.contains(" x "));
    assertThat(carolHears.changes.getLast().peer().port()).isEqualTo(40000);
  }

  /** Waits until carol and dave have both heard {@code lines}, in that order. */
  private void awaitHeardByOthers(String... lines) {
    await()
        .untilAsserted(
            () -> {
              assertThat(carolHears.lines()).containsSubsequence(lines);
              assertThat(daveHears.lines()).containsSubsequence(lines);
            });
  }
}
