package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static p2pchat.registry.RegistryFixture.PASSWORD;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.AdminClient;
import p2pchat.registry.client.RegistryClient;
import p2pchat.registry.client.RegistryListener;

/** An operator following the log receives a line for every request as it is handled. */
@ExtendWith(UncaughtExceptionsExtension.class)
class FollowLogTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String STAMP = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} ";

  @TempDir Path data;

  private RegistryFixture registry;

  @BeforeEach
  void start() throws Exception {
    registry = new RegistryFixture(data);
    registry.createAdmin("root");
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void everyRequestArrivesAsALineAsItHappens() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    AdminClient root = registry.admin("root");
    root.follow(lines::add);
    await().atMost(WAIT).until(() -> lines.stream().anyMatch(l -> l.contains("FollowLog")));

    RegistryClient alice = registry.online("alice", RegistryListener.NONE);
    await()
        .atMost(WAIT)
        .until(() -> lines.stream().anyMatch(l -> l.contains("user=alice request=Login[")));
    alice.lookup("alice");
    await().atMost(WAIT).until(() -> lines.stream().anyMatch(l -> l.contains("request=Lookup[")));
    registry.adminConnection().login("root", RegistryFixture.ADMIN_PASSWORD);
    await()
        .atMost(WAIT)
        .until(
            () -> lines.stream().anyMatch(l -> l.contains("user=admin:root request=AdminLogin[")));

    assertThat(lines).allMatch(l -> l.matches(STAMP + "session=[0-9a-f]{16} user=\\S+ request=.*"));
    assertThat(lines)
        .filteredOn(l -> l.contains("request=Register[") || l.contains("request=Login["))
        .hasSize(2)
        .allMatch(l -> l.contains("name=alice, password=***") && l.endsWith("outcome=ok"));
    assertThat(lines)
        .noneMatch(l -> l.contains(PASSWORD) || l.contains(RegistryFixture.ADMIN_PASSWORD));
  }

  @Test
  void twoFollowersEachGetEveryLineAndAClosedOneIsLetGo() throws Exception {
    List<String> first = new CopyOnWriteArrayList<>();
    List<String> second = new CopyOnWriteArrayList<>();
    AdminClient one = registry.admin("root");
    AdminClient two = registry.admin("root");
    one.follow(first::add);
    two.follow(second::add);
    two.close();

    registry.online("alice", RegistryListener.NONE);

    await()
        .atMost(WAIT)
        .until(() -> first.stream().anyMatch(l -> l.contains("user=alice request=Login[")));
    assertThat(one.isConnected()).isTrue();
    assertThat(second).noneMatch(l -> l.contains("user=alice"));
  }
}
