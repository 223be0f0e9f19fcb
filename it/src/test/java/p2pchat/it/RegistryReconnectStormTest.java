package p2pchat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import p2pchat.it.Cluster.Member;
import p2pchat.peer.NodeConfig;
import p2pchat.peer.NodeEvent;
import p2pchat.protocol.message.AdminMessage.SessionInfo;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * A node whose registry went away while its port still accepts connections (a dead registry behind
 * a proxy, an impostor with another key) tries again from one loop, with the README's growing
 * waits, without piling up threads or telling the loss more than once; an impostor's key is warned
 * about once and tried only at the longest wait; and when the real registry is back the node logs
 * in again, once.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class RegistryReconnectStormTest {
  /** The longest wait between attempts here (30 s by default), so that the test stays quick. */
  private static final Duration LONGEST = Duration.ofSeconds(2);

  /** How long the node is watched trying a port that is not its registry. */
  private static final Duration WATCHED = Duration.ofSeconds(10);

  /** Threads the node may start meanwhile (an attempt's event loop, the JVM's own): few. */
  private static final int MORE_THREADS = 20;

  @TempDir Path dir;

  @Test
  void aPortThatAcceptsAndClosesAtOnceIsTriedByOneLoopWithGrowingWaits() throws Exception {
    try (Cluster cluster = new Cluster(dir)) {
      Member alice = cluster.start(cluster.config("alice").registering().withReconnectMax(LONGEST));
      int port = cluster.registryAddress().getPort();

      cluster.stopRegistry();
      int threadsBefore = liveThreads();
      AtomicInteger mostThreads = new AtomicInteger(threadsBefore);
      int mostAttempts = mostAttemptsWithin(WATCHED.plusSeconds(3), LONGEST);
      try (ClosingPort dead = ClosingPort.open(port)) {
        await()
            .during(WATCHED)
            .atMost(WATCHED.plusSeconds(3))
            .until(
                () ->
                    mostThreads.accumulateAndGet(liveThreads(), Math::max)
                            <= threadsBefore + MORE_THREADS
                        && dead.accepted() <= mostAttempts
                        && alice.events().all(NodeEvent.RegistryLost.class).size() <= 1);
        System.out.printf(
            "closing port: %d attempts in %d s (at most %d expected), live threads %d before,"
                + " %d at most, %d after; %d registry-lost events%n",
            dead.accepted(),
            WATCHED.toSeconds(),
            mostAttempts,
            threadsBefore,
            mostThreads.get(),
            liveThreads(),
            alice.events().all(NodeEvent.RegistryLost.class).size());
        assertThat(dead.accepted()).as("attempts on the closing port").isBetween(2, mostAttempts);
      }
      assertThat(alice.events().all(NodeEvent.RegistryLost.class)).hasSize(1);

      theNodeLogsInAgainOnce(cluster, alice);
    }
  }

  @ParameterizedTest(name = "registry key pinned up front: {0}")
  @ValueSource(booleans = {true, false})
  void aRegistryPresentingAnotherKeyIsWarnedAboutOnceAndTriedSlowly(boolean pinnedUpFront)
      throws Exception {
    try (Cluster cluster = new Cluster(dir)) {
      NodeConfig config =
          pinnedUpFront
              ? cluster.config("alice")
              : NodeConfig.of(
                      cluster.profileDir("alice"),
                      cluster.registryAddress(),
                      "alice",
                      Cluster.PASSWORD)
                  .listening(new InetSocketAddress("127.0.0.1", 0));
      Member alice = cluster.start(config.registering().withReconnectMax(LONGEST));
      int port = cluster.registryAddress().getPort();

      cluster.stopRegistry();
      int threadsBefore = liveThreads();
      AtomicInteger mostThreads = new AtomicInteger(threadsBefore);
      try (ImpostorRegistry impostor = ImpostorRegistry.open(port)) {
        String warning = alice.events().awaitWarning("presents another key");
        assertThat(warning)
            .startsWith("the registry at 127.0.0.1:" + port + " presents another key")
            .contains(impostor.peerId().toString());
        await()
            .during(WATCHED)
            .atMost(WATCHED.plusSeconds(3))
            .until(
                () ->
                    mostThreads.accumulateAndGet(liveThreads(), Math::max)
                            <= threadsBefore + MORE_THREADS
                        && keyWarnings(alice).size() == 1);
        List<Long> arrivals = impostor.arrivals();
        long shortestGap = Long.MAX_VALUE;
        for (int i = 1; i < arrivals.size(); i++) {
          shortestGap = Math.min(shortestGap, arrivals.get(i) - arrivals.get(i - 1));
        }
        System.out.printf(
            "impostor (pinned up front: %s): %d attempts in about %d s, shortest gap %d ms"
                + " (longest wait %d ms), live threads %d before, %d at most; %d key warnings%n",
            pinnedUpFront,
            arrivals.size(),
            WATCHED.toSeconds(),
            arrivals.size() > 1 ? shortestGap / 1_000_000 : -1,
            LONGEST.toMillis(),
            threadsBefore,
            mostThreads.get(),
            keyWarnings(alice).size());
        assertThat(arrivals).as("attempts on the impostor").hasSizeGreaterThanOrEqualTo(2);
        // After a key change every wait is the longest one, shortened by at most half.
        assertThat(shortestGap / 1_000_000).isGreaterThanOrEqualTo(LONGEST.toMillis() / 2 - 50);
      }
      assertThat(keyWarnings(alice)).hasSize(1);
      assertThat(alice.events().all(NodeEvent.RegistryLost.class)).hasSize(1);

      theNodeLogsInAgainOnce(cluster, alice);
    }
  }

  /** The real registry comes back on its port: the node logs in again, once, and stays in. */
  private static void theNodeLogsInAgainOnce(Cluster cluster, Member alice) throws Exception {
    cluster.restartRegistry();
    alice.events().awaitNth(NodeEvent.LoggedIn.class, 2);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                alice.events().all(NodeEvent.LoggedIn.class).size() == 2
                    && cluster.registry().admin().sessions().stream()
                            .map(SessionInfo::name)
                            .filter("alice"::equals)
                            .count()
                        == 1);
    assertThat(alice.events().all(NodeEvent.LoggedOut.class)).isEmpty();
    assertThat(alice.events().all(NodeEvent.RegistryLost.class)).hasSize(1);
  }

  private static List<NodeEvent.Warning> keyWarnings(Member m) {
    return m.events().all(NodeEvent.Warning.class).stream()
        .filter(w -> w.code() == NodeEvent.Code.REGISTRY_KEY_CHANGED)
        .toList();
  }

  /**
   * The most attempts the README's waits allow within {@code window}: they start at 0.25 s and
   * double up to {@code longest}, and jitter shortens each by at most half.
   */
  private static int mostAttemptsWithin(Duration window, Duration longest) {
    long left = window.toMillis();
    long wait = 250;
    int attempts = 0;
    while (left >= wait / 2) {
      left -= wait / 2;
      attempts++;
      wait = Math.min(wait * 2, longest.toMillis());
    }
    return attempts;
  }

  private static int liveThreads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }
}
