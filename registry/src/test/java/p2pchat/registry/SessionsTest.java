package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static p2pchat.registry.RegistryFixture.PASSWORD;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.message.AdminMessage.SessionInfo;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.AdminClient;
import p2pchat.registry.client.LoginResult;
import p2pchat.registry.client.RegistryClient;
import p2pchat.registry.client.RegistryListener;

/**
 * The session list shows every live session as the registry sees it, visible or not, across as many
 * pages as it takes.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class SessionsTest {
  @TempDir Path data;

  private RegistryFixture registry;

  @BeforeEach
  void start() throws Exception {
    // One session per page, so that the list of three takes three pages.
    registry =
        new RegistryFixture(
            RegistryConfig.builder(data).address("127.0.0.1", 0).pageSize(1).build());
    registry.createAdmin("root");
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void theListMatchesThePeersConnected() throws Exception {
    Instant before = Instant.now().minusMillis(1);
    Identity aliceId = Identity.generate("alice");
    Identity bobId = Identity.generate("bob");
    Identity carolId = Identity.generate("carol");
    RegistryClient alice = client(aliceId, "alice");
    RegistryClient bob = client(bobId, "bob");
    RegistryClient carol = client(carolId, "carol");
    LoginResult aliceLogin = alice.login("alice", PASSWORD, 40001, true);
    LoginResult bobLogin = bob.login("bob", PASSWORD, 40002, false);
    LoginResult carolLogin = carol.login("carol", PASSWORD, 40003, true);
    AdminClient root = registry.admin("root");

    List<SessionInfo> sessions = root.sessions();

    assertThat(sessions)
        .extracting(
            SessionInfo::sessionId,
            SessionInfo::name,
            SessionInfo::host,
            SessionInfo::port,
            SessionInfo::listenPort,
            SessionInfo::peerId,
            SessionInfo::visible)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                aliceLogin.sessionId(),
                "alice",
                "127.0.0.1",
                alice.localAddress().getPort(),
                40001,
                aliceId.peerId(),
                true),
            org.assertj.core.groups.Tuple.tuple(
                bobLogin.sessionId(),
                "bob",
                "127.0.0.1",
                bob.localAddress().getPort(),
                40002,
                bobId.peerId(),
                false),
            org.assertj.core.groups.Tuple.tuple(
                carolLogin.sessionId(),
                "carol",
                "127.0.0.1",
                carol.localAddress().getPort(),
                40003,
                carolId.peerId(),
                true));
    Instant after = Instant.now().plusMillis(1);
    assertThat(sessions)
        .allSatisfy(
            s -> {
              assertThat(s.since()).isBetween(before, after);
              assertThat(s.lastHeard()).isBetween(s.since().minusMillis(50), after);
            });
    assertThat(aliceLogin.observedPort()).isEqualTo(alice.localAddress().getPort());

    bob.close();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(root.sessions())
                    .extracting(SessionInfo::name)
                    .containsExactly("alice", "carol"));
  }

  @Test
  void anEmptyRegistryHasNoSessions() throws Exception {
    assertThat(registry.admin("root").sessions()).isEmpty();
  }

  private RegistryClient client(Identity identity, String name) throws Exception {
    RegistryClient client =
        registry.connect(identity, RegistryListener.NONE, RegistryClient.Options.DEFAULTS);
    client.register(name, PASSWORD);
    return client;
  }
}
