package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static p2pchat.registry.Refusals.refused;
import static p2pchat.registry.RegistryFixture.PASSWORD;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.LoginResult;
import p2pchat.registry.client.RegistryClient;
import p2pchat.registry.client.RegistryException;
import p2pchat.registry.client.RegistryListener;
import p2pchat.registry.store.sqlite.SqliteStore;

/** Logging in: what a login returns, its refusals, new devices, and one session per account. */
@ExtendWith(UncaughtExceptionsExtension.class)
class LoginTest {
  @TempDir Path data;

  private RegistryFixture registry;

  @BeforeEach
  void start() throws Exception {
    registry = new RegistryFixture(data);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void aLoginReturnsTheSessionAndTheAddressTheRegistrySees() throws Exception {
    RegistryClient alice = registry.connect(RegistryListener.NONE);
    alice.register("alice", PASSWORD);

    LoginResult login = alice.login("alice", PASSWORD, 40000, true);

    assertThat(login.sessionId()).isNotZero();
    assertThat(login.observedHost()).isEqualTo("127.0.0.1");
    assertThat(login.observedPort()).isEqualTo(alice.localAddress().getPort());
  }

  @Test
  void aWrongPasswordIsRefused() throws RegistryException {
    RegistryClient alice = registry.connect(RegistryListener.NONE);
    alice.register("alice", PASSWORD);

    RegistryException refusal =
        refused(ErrorCode.WRONG_PASSWORD, () -> alice.login("alice", "not the password", 1, true));

    assertThat(refusal.getMessage()).contains("wrong password", "alice");
  }

  @Test
  void anUnknownUserIsRefused() throws RegistryException {
    RegistryClient client = registry.connect(RegistryListener.NONE);

    RegistryException refusal =
        refused(ErrorCode.UNKNOWN_USER, () -> client.login("nobody", PASSWORD, 1, true));

    assertThat(refusal.getMessage()).contains("no account named nobody", "register");
  }

  @Test
  void anotherDeviceWithThePasswordLogsInAndIsBoundToTheAccount() throws Exception {
    Identity laptop = Identity.generate("laptop");
    Identity phone = Identity.generate("phone");
    Identity thief = Identity.generate("thief");
    RegistryClient first = registry.connect(laptop, RegistryListener.NONE, options());
    first.register("alice", PASSWORD);
    first.login("alice", PASSWORD, 40000, true);
    RegistryClient guess = registry.connect(thief, RegistryListener.NONE, options());
    refused(ErrorCode.WRONG_PASSWORD, () -> guess.login("alice", "not the password", 1, true));

    RegistryClient second = registry.connect(phone, RegistryListener.NONE, options());
    second.login("alice", PASSWORD, 40001, true);

    RegistryClient carol = registry.online("carol", RegistryListener.NONE);
    assertThat(carol.lookup("alice").peerId()).isEqualTo(phone.peerId());
    try (SqliteStore store = SqliteStore.open(data)) {
      assertThat(store.accounts().find("alice").orElseThrow().peerIds())
          .containsExactlyInAnyOrder(laptop.peerId(), phone.peerId());
    }
  }

  @Test
  void aSecondLoginOfTheAccountEndsTheFirstSession() throws Exception {
    Identity identity = Identity.generate("alice");
    PresenceRecorder firstHears = new PresenceRecorder();
    RegistryClient first = registry.connect(identity, firstHears, options());
    first.register("alice", PASSWORD);
    first.login("alice", PASSWORD, 40000, true);

    RegistryClient second = registry.connect(identity, RegistryListener.NONE, options());
    second.login("alice", PASSWORD, 40001, true);

    await().until(() -> firstHears.disconnected);
    assertThat(firstHears.ended)
        .singleElement()
        .asString()
        .contains("alice logged in again from 127.0.0.1", "this session is closed");
    assertThat(first.isConnected()).isFalse();
    assertThat(registry.server().sessionCount()).isEqualTo(1);
    RegistryClient carol = registry.online("carol", RegistryListener.NONE);
    assertThat(carol.lookup("alice").port()).isEqualTo(40001);
    assertThat(second.online()).extracting(p -> p.name()).containsExactly("carol");
  }

  @Test
  void aSecondLoginOnTheSameConnectionIsRefused() throws RegistryException {
    RegistryClient alice = registry.online("alice", RegistryListener.NONE);

    RegistryException refusal =
        refused(ErrorCode.ALREADY_LOGGED_IN, () -> alice.login("alice", PASSWORD, 1, true));

    assertThat(refusal.getMessage()).contains("logged in already", "alice");
    assertThat(alice.isConnected()).isTrue();
  }

  @Test
  void requestsBeforeLoginAreRefused() throws RegistryException {
    registry.online("alice", RegistryListener.NONE);
    RegistryClient client = registry.connect(RegistryListener.NONE);

    assertThat(refused(ErrorCode.NOT_LOGGED_IN, client::online).getMessage())
        .contains("log in first");
    refused(ErrorCode.NOT_LOGGED_IN, () -> client.lookup("alice"));
    refused(ErrorCode.NOT_LOGGED_IN, () -> client.setVisible(false));
    refused(ErrorCode.NOT_LOGGED_IN, client::logout);
    assertThat(client.isConnected()).isTrue();
  }

  private static RegistryClient.Options options() {
    return RegistryClient.Options.DEFAULTS;
  }
}
