package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static p2pchat.registry.RegistryFixture.PASSWORD;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.LoginResult;
import p2pchat.registry.client.RegistryClient;
import p2pchat.registry.client.RegistryListener;

/** The online list: at login and on request, everyone else, never cut however many pages. */
@ExtendWith(UncaughtExceptionsExtension.class)
class OnlineListTest {
  @TempDir Path data;

  private RegistryFixture registry;

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void eachSeesTheOtherWithPortPeerIdAndSince() throws Exception {
    registry = new RegistryFixture(data);
    Identity aliceId = Identity.generate("alice");
    Identity bobId = Identity.generate("bob");
    Instant before = Instant.now().minusSeconds(1);
    RegistryClient alice =
        registry.connect(aliceId, RegistryListener.NONE, RegistryClient.Options.DEFAULTS);
    alice.register("alice", PASSWORD);
    LoginResult aliceLogin = alice.login("alice", PASSWORD, 41000, true);
    RegistryClient bob =
        registry.connect(bobId, RegistryListener.NONE, RegistryClient.Options.DEFAULTS);
    bob.register("bob", PASSWORD);

    LoginResult bobLogin = bob.login("bob", PASSWORD, 42000, true);

    assertThat(aliceLogin.online()).isEmpty();
    assertThat(bobLogin.online()).hasSize(1);
    PeerInfo seen = bobLogin.online().getFirst();
    assertThat(seen.name()).isEqualTo("alice");
    assertThat(seen.host()).isEqualTo("127.0.0.1");
    assertThat(seen.port()).isEqualTo(41000);
    assertThat(seen.peerId()).isEqualTo(aliceId.peerId());
    assertThat(seen.since()).isBetween(before, Instant.now());
    List<PeerInfo> aliceSees = alice.online();
    assertThat(aliceSees).hasSize(1);
    PeerInfo refreshed = aliceSees.getFirst();
    assertThat(refreshed.name()).isEqualTo("bob");
    assertThat(refreshed.port()).isEqualTo(42000);
    assertThat(refreshed.peerId()).isEqualTo(bobId.peerId());
    assertThat(bob.online()).extracting(PeerInfo::name).containsExactly("alice");
  }

  @Test
  void aListLongerThanAPageComesWhole() throws Exception {
    registry =
        new RegistryFixture(
            RegistryConfig.builder(data).address("127.0.0.1", 0).pageSize(2).build());
    List<RegistryClient> users = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      users.add(registry.online("user" + i, RegistryListener.NONE));
    }
    RegistryClient last = registry.connect(RegistryListener.NONE);
    last.register("user7", PASSWORD);

    LoginResult login = last.login("user7", PASSWORD, 40000, true);

    assertThat(login.online())
        .extracting(PeerInfo::name)
        .containsExactlyInAnyOrder("user1", "user2", "user3", "user4", "user5", "user6");
    assertThat(users.getFirst().online())
        .extracting(PeerInfo::name)
        .containsExactlyInAnyOrder("user2", "user3", "user4", "user5", "user6", "user7");
  }
}
