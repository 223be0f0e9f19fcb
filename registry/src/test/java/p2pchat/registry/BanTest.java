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
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.RegistryMessage.PresenceChange;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.AdminClient;
import p2pchat.registry.client.RegistryClient;
import p2pchat.registry.client.RegistryListener;

/**
 * A banned account cannot log in and is told it is banned (only once its password is right); a ban
 * ends an online session; unbanning lets it in again; bans survive a restart.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class BanTest {
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
  void aBanEndsTheSessionAndKeepsTheAccountOutUntilUnbanned() throws Exception {
    PresenceRecorder aliceHears = new PresenceRecorder();
    PresenceRecorder malloryHears = new PresenceRecorder();
    registry.online("alice", aliceHears);
    RegistryClient mallory = registry.online("mallory", malloryHears);

    root.ban("mallory", "spamming");

    await().atMost(WAIT).until(() -> !mallory.isConnected());
    assertThat(malloryHears.ended).containsExactly("banned by an operator: spamming");
    await()
        .atMost(WAIT)
        .until(
            () ->
                aliceHears.changes.stream()
                    .anyMatch(
                        c ->
                            c.peer().name().equals("mallory")
                                && c.reason() == PresenceChange.Reason.KICKED
                                && c.note().equals("banned: spamming")));

    RegistryClient again = registry.connect(RegistryListener.NONE);
    assertThat(
            refused(ErrorCode.BANNED, () -> again.login("mallory", PASSWORD, 40000, true))
                .getMessage())
        .isEqualTo("mallory is banned: spamming");
    // A wrong password does not learn of the ban.
    refused(ErrorCode.WRONG_PASSWORD, () -> again.login("mallory", "a wrong guess", 40000, true));

    root.unban("mallory");

    assertThat(again.login("mallory", PASSWORD, 40000, true).observedHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void anOfflineAccountCanBeBannedAndTheBanSurvivesARestart() throws Exception {
    registry.connect(RegistryListener.NONE).register("mallory", PASSWORD);
    root.ban("mallory", "");

    registry.restart();

    RegistryClient mallory = registry.connect(RegistryListener.NONE);
    assertThat(
            refused(ErrorCode.BANNED, () -> mallory.login("mallory", PASSWORD, 40000, true))
                .getMessage())
        .isEqualTo("mallory is banned");
  }

  @Test
  void banningOrUnbanningAnUnknownAccountIsRefused() throws Exception {
    assertThat(refused(ErrorCode.UNKNOWN_USER, () -> root.ban("nobody", "x")).getMessage())
        .isEqualTo("there is no account named nobody");
    refused(ErrorCode.UNKNOWN_USER, () -> root.unban("nobody"));
  }
}
