package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.RegistryClient;

/** A connection that does not log in within the login timeout is closed. */
@ExtendWith(UncaughtExceptionsExtension.class)
class LoginTimeoutTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  @TempDir Path data;

  private RegistryFixture registry;

  @BeforeEach
  void start() throws Exception {
    registry =
        new RegistryFixture(
            RegistryConfig.builder(data).address("127.0.0.1", 0).loginTimeout(TIMEOUT).build());
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void aConnectionThatNeverLogsInIsClosed() throws Exception {
    PresenceRecorder heard = new PresenceRecorder();
    RegistryClient idle = registry.connect(heard);
    assertThat(idle.isConnected()).isTrue();

    await().atMost(Duration.ofSeconds(5)).until(() -> !idle.isConnected());

    assertThat(heard.disconnected).isTrue();
  }

  @Test
  void aConnectionThatLoggedInInTimeStays() throws Exception {
    RegistryClient alice = registry.online("alice", new PresenceRecorder());

    await()
        .during(TIMEOUT.multipliedBy(2))
        .atMost(TIMEOUT.multipliedBy(4))
        .until(alice::isConnected);
  }
}
