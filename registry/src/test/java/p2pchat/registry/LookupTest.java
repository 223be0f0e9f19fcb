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
import p2pchat.protocol.message.PeerInfo;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.RegistryClient;
import p2pchat.registry.client.RegistryException;
import p2pchat.registry.client.RegistryListener;

/** Looking a user up: where to dial and whom to expect, or why not. */
@ExtendWith(UncaughtExceptionsExtension.class)
class LookupTest {
  @TempDir Path data;

  private RegistryFixture registry;
  private RegistryClient bob;

  @BeforeEach
  void start() throws Exception {
    registry = new RegistryFixture(data);
    bob = registry.online("bob", RegistryListener.NONE);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void aLookupGivesTheAddressListenPortAndPeerIdOfTheSession() throws RegistryException {
    Identity aliceId = Identity.generate("alice");
    RegistryClient alice =
        registry.connect(aliceId, RegistryListener.NONE, RegistryClient.Options.DEFAULTS);
    alice.register("alice", PASSWORD);
    alice.login("alice", PASSWORD, 41234, true);

    PeerInfo found = bob.lookup("alice");

    assertThat(found.name()).isEqualTo("alice");
    assertThat(found.host()).isEqualTo("127.0.0.1");
    assertThat(found.port()).isEqualTo(41234);
    assertThat(found.peerId()).isEqualTo(aliceId.peerId());
  }

  @Test
  void namesAreLookedUpIgnoringCase() throws RegistryException {
    registry.online("Alice", RegistryListener.NONE);

    assertThat(bob.lookup("aLICE").name()).isEqualTo("Alice");
  }

  @Test
  void anUnknownNameIsRefused() {
    RegistryException refusal = refused(ErrorCode.UNKNOWN_USER, () -> bob.lookup("nobody"));

    assertThat(refusal.getMessage()).contains("no user named nobody");
  }

  @Test
  void aRegisteredUserWhoIsNotOnlineIsOffline() throws RegistryException {
    registry.connect(RegistryListener.NONE).register("carol", PASSWORD);
    RegistryClient dave = registry.online("dave", RegistryListener.NONE);
    dave.logout();
    await().until(() -> registry.server().sessionCount() == 1);

    assertThat(refused(ErrorCode.USER_OFFLINE, () -> bob.lookup("carol")).getMessage())
        .contains("carol is not online");
    refused(ErrorCode.USER_OFFLINE, () -> bob.lookup("dave"));
  }
}
