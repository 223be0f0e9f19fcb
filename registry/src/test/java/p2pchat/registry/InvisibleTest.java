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
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.LoginResult;
import p2pchat.registry.client.RegistryClient;
import p2pchat.registry.client.RegistryException;
import p2pchat.registry.client.RegistryListener;

/** An invisible user sees everyone and is seen by no one: to others it is simply offline. */
@ExtendWith(UncaughtExceptionsExtension.class)
class InvisibleTest {
  @TempDir Path data;

  private RegistryFixture registry;
  private final PresenceRecorder aliceHears = new PresenceRecorder();
  private RegistryClient alice;
  private RegistryClient ghost;
  private LoginResult ghostLogin;

  @BeforeEach
  void start() throws Exception {
    registry = new RegistryFixture(data);
    alice = registry.online("alice", aliceHears);
    ghost = registry.connect(new PresenceRecorder());
    ghost.register("ghost", PASSWORD);
    ghostLogin = ghost.login("ghost", PASSWORD, 40000, false);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void anInvisibleLoginIsNotAnnouncedNorListed() throws RegistryException {
    registry.online("bob", RegistryListener.NONE);
    await().until(() -> aliceHears.lines().contains("JOINED bob LOGIN"));

    assertThat(aliceHears.lines()).containsExactly("JOINED bob LOGIN");
    assertThat(alice.online()).extracting(PeerInfo::name).containsExactly("bob");
    RegistryClient carol = registry.connect(RegistryListener.NONE);
    carol.register("carol", PASSWORD);
    assertThat(carol.login("carol", PASSWORD, 40000, true).online())
        .extracting(PeerInfo::name)
        .containsExactlyInAnyOrder("alice", "bob");
  }

  @Test
  void lookingUpAnInvisibleUserFailsAsForAnOfflineOne() throws RegistryException {
    registry.connect(RegistryListener.NONE).register("absent", PASSWORD);

    RegistryException invisible = refused(ErrorCode.USER_OFFLINE, () -> alice.lookup("ghost"));
    RegistryException offline = refused(ErrorCode.USER_OFFLINE, () -> alice.lookup("absent"));

    assertThat(invisible.getMessage().replace("ghost", "NAME"))
        .isEqualTo(offline.getMessage().replace("absent", "NAME"));
  }

  @Test
  void anInvisibleUserSeesAndFindsOthers() throws RegistryException {
    registry.online("bob", RegistryListener.NONE);

    assertThat(ghostLogin.online()).extracting(PeerInfo::name).containsExactly("alice");
    assertThat(ghost.online()).extracting(PeerInfo::name).containsExactlyInAnyOrder("alice", "bob");
    assertThat(ghost.lookup("bob").port()).isEqualTo(40000);
  }

  @Test
  void anInvisibleUserWhoDisconnectsIsNotAnnounced() throws RegistryException {
    ghost.close();
    await().until(() -> registry.server().sessionCount() == 1);
    registry.online("bob", RegistryListener.NONE);
    await().until(() -> aliceHears.lines().contains("JOINED bob LOGIN"));

    assertThat(aliceHears.lines()).containsExactly("JOINED bob LOGIN");
  }
}
