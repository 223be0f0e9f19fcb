package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.registry.client.LoginResult;
import p2pchat.registry.client.RegistryClient;

class RegistrySmokeTest {
  @TempDir Path data;

  @Test
  void registersLogsInAndSeesTheOther() throws Exception {
    try (RegistryFixture registry = new RegistryFixture(data)) {
      PresenceRecorder aliceHears = new PresenceRecorder();
      RegistryClient alice = registry.online("alice", aliceHears);
      RegistryClient bob = registry.connect(new PresenceRecorder());
      bob.register("bob", RegistryFixture.PASSWORD);
      LoginResult login = bob.login("bob", RegistryFixture.PASSWORD, 40001, true);
      assertThat(login.online()).extracting(p -> p.name()).containsExactly("alice");
      assertThat(login.observedHost()).isEqualTo("127.0.0.1");
      org.awaitility.Awaitility.await()
          .until(() -> aliceHears.lines().contains("JOINED bob LOGIN"));
      assertThat(alice.lookup("bob").port()).isEqualTo(40001);
    }
  }
}
