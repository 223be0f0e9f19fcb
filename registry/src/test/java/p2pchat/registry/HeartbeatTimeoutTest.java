package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static p2pchat.registry.RegistryFixture.PASSWORD;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.RegistryClient;
import p2pchat.registry.client.RegistryException;

/**
 * A session must be heard from within the heartbeat timeout; TCP pings and UDP hellos each suffice
 * on their own.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class HeartbeatTimeoutTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  @TempDir Path data;

  private RegistryFixture registry;
  private final PresenceRecorder carolHears = new PresenceRecorder();

  @BeforeEach
  void start() throws Exception {
    registry =
        new RegistryFixture(
            RegistryConfig.builder(data).address("127.0.0.1", 0).heartbeatTimeout(TIMEOUT).build());
    registry.online("carol", carolHears);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void aSilentClientIsTimedOut() throws Exception {
    PresenceRecorder silentHears = new PresenceRecorder();
    RegistryClient silent = login("x", silentHears, RegistryFixture.silent());
    assertThat(registry.server().sessionCount()).isEqualTo(2);

    await().atMost(Duration.ofSeconds(5)).until(() -> silentHears.disconnected);

    assertThat(silentHears.ended).singleElement().asString().contains("no heartbeat", "log in");
    assertThat(silent.isConnected()).isFalse();
    await().until(() -> carolHears.lines().contains("LEFT x TIMED_OUT"));
    assertThat(registry.server().sessionCount()).isEqualTo(1);
  }

  @Test
  void udpHellosAloneKeepASessionAlive() throws Exception {
    RegistryClient udpOnly =
        login(
            "x",
            new PresenceRecorder(),
            new RegistryClient.Options(Duration.ofSeconds(10), false, true));

    assertStaysOnline(udpOnly);
  }

  @Test
  void tcpPingsAloneKeepASessionAlive() throws Exception {
    RegistryClient tcpOnly =
        login(
            "x",
            new PresenceRecorder(),
            new RegistryClient.Options(Duration.ofSeconds(10), true, false));

    assertStaysOnline(tcpOnly);
  }

  private RegistryClient login(
      String name, PresenceRecorder listener, RegistryClient.Options options)
      throws RegistryException {
    RegistryClient client = registry.connect(Identity.generate(name), listener, options);
    client.register(name, PASSWORD);
    client.login(name, PASSWORD, 40000, true);
    return client;
  }

  /** Three timeout periods pass and the client is still online, and nobody heard it leave. */
  private void assertStaysOnline(RegistryClient client) {
    await()
        .during(TIMEOUT.multipliedBy(3))
        .atMost(TIMEOUT.multipliedBy(5))
        .until(() -> client.isConnected() && registry.server().sessionCount() == 2);
    assertThat(carolHears.lines()).containsExactly("JOINED x LOGIN");
  }
}
