package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static p2pchat.registry.Refusals.refused;
import static p2pchat.registry.RegistryFixture.PASSWORD;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.protocol.tls.PeerIdPolicy;
import p2pchat.registry.client.RegistryClient;
import p2pchat.registry.client.RegistryException;
import p2pchat.registry.client.RegistryListener;

/**
 * What a registry keeps across a restart (accounts and its identity), and a client pinned to its
 * identity refusing a registry with another one.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class RestartTest {
  @TempDir Path data;
  @TempDir Path otherData;

  @Test
  void accountsAndTheRegistryIdentitySurviveARestart() throws Exception {
    try (RegistryFixture registry = new RegistryFixture(data)) {
      registry.connect(RegistryListener.NONE).register("alice", PASSWORD);
      PeerId before = registry.server().peerId();

      registry.restart();

      assertThat(registry.server().peerId()).isEqualTo(before);
      try (RegistryClient alice = connectPinned(registry, before)) {
        refused(ErrorCode.WRONG_PASSWORD, () -> alice.login("alice", "not the password", 1, true));
        assertThat(alice.login("alice", PASSWORD, 40000, true).observedHost())
            .isEqualTo("127.0.0.1");
      }
    }
  }

  @Test
  void aClientPinnedToTheOldIdentityRefusesANewRegistry() throws Exception {
    PeerId old;
    int port;
    try (RegistryFixture registry = new RegistryFixture(data)) {
      old = registry.server().peerId();
      port = registry.server().address().getPort();
    }
    // A registry on a fresh data folder at the same address: another certificate.
    try (RegistryFixture impostor =
        new RegistryFixture(RegistryConfig.builder(otherData).address("127.0.0.1", port).build())) {
      assertThat(impostor.server().peerId()).isNotEqualTo(old);

      RegistryException refusal =
          refused(ErrorCode.UNKNOWN, () -> connectPinned(impostor, old).close());

      // Issue 19: said as what it is, a key change, and that this client refuses (not the
      // registry).
      assertThat(refusal.getMessage())
          .contains(
              "the registry at 127.0.0.1:" + port + " presents another key",
              old + " is the one expected",
              "refusing to connect");
      assertThat(impostor.server().sessionCount()).isZero();
    }
  }

  private static RegistryClient connectPinned(RegistryFixture registry, PeerId pinned)
      throws RegistryException {
    return RegistryClient.connect(
        registry.server().address(),
        Identity.generate("alice"),
        PeerIdPolicy.pinned(pinned),
        RegistryListener.NONE,
        RegistryClient.Options.DEFAULTS);
  }
}
