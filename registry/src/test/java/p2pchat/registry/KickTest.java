package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static p2pchat.registry.Refusals.refused;
import static p2pchat.registry.RegistryFixture.PASSWORD;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.message.AdminMessage.SessionInfo;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.RegistryMessage.PresenceChange;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.AdminClient;
import p2pchat.registry.client.RegistryClient;

/**
 * A kick ends the session: the kicked client is told why and its connection closes; every other
 * online session is told who was kicked and why. An invisible session goes without announcement.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class KickTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path data;

  private RegistryFixture registry;
  private AdminClient root;

  @BeforeEach
  void start() throws Exception {
    registry = new RegistryFixture(data);
    registry.createAdmin("root");
    root = registry.admin("root");
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void theKickedClientIsToldAndEveryoneElseHearsWhoAndWhy() throws Exception {
    PresenceRecorder aliceHears = new PresenceRecorder();
    PresenceRecorder bobHears = new PresenceRecorder();
    PresenceRecorder malloryHears = new PresenceRecorder();
    registry.online("alice", aliceHears);
    registry.online("bob", bobHears);
    RegistryClient mallory = registry.online("mallory", malloryHears);

    root.kick("mallory", "spamming");

    await().atMost(WAIT).until(() -> !mallory.isConnected());
    assertThat(malloryHears.ended).containsExactly("kicked by an operator: spamming");
    for (PresenceRecorder heard : new PresenceRecorder[] {aliceHears, bobHears}) {
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(heard.changes)
                      .filteredOn(c -> c.peer().name().equals("mallory"))
                      .extracting(
                          PresenceChange::change, PresenceChange::reason, PresenceChange::note)
                      .contains(
                          org.assertj.core.groups.Tuple.tuple(
                              PresenceChange.Change.LEFT,
                              PresenceChange.Reason.KICKED,
                              "spamming")));
    }
    assertThat(root.sessions()).extracting(SessionInfo::name).containsExactly("alice", "bob");
  }

  @Test
  void aKickWithoutAReasonSaysSo() throws Exception {
    PresenceRecorder aliceHears = new PresenceRecorder();
    PresenceRecorder malloryHears = new PresenceRecorder();
    registry.online("alice", aliceHears);
    registry.online("mallory", malloryHears);

    root.kick("MALLORY", "");

    await().atMost(WAIT).until(() -> !malloryHears.ended.isEmpty());
    assertThat(malloryHears.ended).containsExactly("kicked by an operator");
    await().atMost(WAIT).until(() -> aliceHears.lines().contains("LEFT mallory KICKED"));
  }

  @Test
  void anInvisibleSessionIsKickedWithoutAnnouncement() throws Exception {
    PresenceRecorder aliceHears = new PresenceRecorder();
    PresenceRecorder ghostHears = new PresenceRecorder();
    registry.online("alice", aliceHears);
    RegistryClient ghost = registry.connect(ghostHears);
    ghost.register("ghost", PASSWORD);
    ghost.login("ghost", PASSWORD, 40000, false);

    root.kick("ghost", "hiding");

    await().atMost(WAIT).until(() -> !ghost.isConnected());
    assertThat(ghostHears.ended).containsExactly("kicked by an operator: hiding");
    await()
        .during(Duration.ofMillis(500))
        .atMost(WAIT)
        .until(() -> aliceHears.changes.stream().noneMatch(c -> c.peer().name().equals("ghost")));
  }

  @Test
  void kickingSomeoneOfflineIsRefused() throws Exception {
    assertThat(refused(ErrorCode.USER_OFFLINE, () -> root.kick("nobody", "")).getMessage())
        .isEqualTo("nobody is not online");
  }

  @Test
  void theRegistryConsoleKicksToo() throws Exception {
    PresenceRecorder aliceHears = new PresenceRecorder();
    PresenceRecorder malloryHears = new PresenceRecorder();
    registry.online("alice", aliceHears);
    registry.online("mallory", malloryHears);

    registry.server().admin().kick("mallory", "from the console");

    await().atMost(WAIT).until(() -> !malloryHears.ended.isEmpty());
    assertThat(malloryHears.ended).containsExactly("kicked by an operator: from the console");
    await()
        .atMost(WAIT)
        .until(
            () -> aliceHears.changes.stream().anyMatch(c -> c.note().equals("from the console")));
  }
}
