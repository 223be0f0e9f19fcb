package p2pchat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.transfer.TransferInfo;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * Chat between two users stays quick while a large file goes between the same two: the file has a
 * connection of its own. The delays are measured and printed, not held against a limit (they depend
 * on the machine); the test checks that they were measured during the transfer.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class ChatLatencyDuringTransferTest {
  private static final int MESSAGES = 25;

  @TempDir Path dir;
  private Cluster cluster;

  @BeforeEach
  void start() throws Exception {
    cluster = new Cluster(dir);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  /** Milliseconds from sending each of {@code count} messages to their arrival at the other end. */
  private static List<Double> delays(
      Cluster.Member from, Cluster.Member to, String tag, int count) {
    List<Double> delays = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String text = tag + " " + i;
      long sent = System.nanoTime();
      from.node().send(to.name(), text);
      await()
          .atMost(Duration.ofSeconds(30))
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(1))
          .until(() -> to.events().received(from.name()).contains(text));
      delays.add((System.nanoTime() - sent) / 1e6);
    }
    return delays;
  }

  private static String summary(List<Double> delays) {
    List<Double> sorted = new ArrayList<>(delays);
    Collections.sort(sorted);
    return String.format(
        "median %.1f ms, 95th percentile %.1f ms, max %.1f ms (%d messages)",
        sorted.get(sorted.size() / 2),
        sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1),
        sorted.getLast(),
        sorted.size());
  }

  private static TransferInfo transfer(Cluster.Member who) {
    return who.node().transfers().getFirst();
  }

  @Test
  void chatStaysQuickDuringALargeTransferBetweenTheSameTwoPeers() throws Exception {
    Cluster.Member alice = cluster.join("alice");
    Cluster.Member bob = cluster.join("bob");
    long size = 2L << 30;
    Path file = FileSharingTest.sparse(dir.resolve("big/disk.img"), size);
    alice.node().share(file.getParent());
    FileSharingTest.listed(bob, "alice", 1);
    Cluster.openConversation(alice, bob);
    delays(alice, bob, "warm-up", 10);
    List<Double> idle = delays(alice, bob, "idle", MESSAGES);
    idle.addAll(delays(bob, alice, "idle back", MESSAGES));

    bob.node().download("alice", "big/disk.img", dir.resolve("dl"));
    await().atMost(Duration.ofSeconds(60)).until(() -> transfer(bob).done() > 0);
    long doneBefore = transfer(bob).done();
    List<Double> busy = delays(alice, bob, "busy", MESSAGES);
    busy.addAll(delays(bob, alice, "busy back", MESSAGES));
    TransferInfo after = transfer(bob);

    System.out.println("chat delay, no transfer:        " + summary(idle));
    System.out.println("chat delay, 2 GiB transfer on:  " + summary(busy));
    System.out.printf(
        "the transfer moved %.0f MB while the %d messages went%n",
        (after.done() - doneBefore) / 1e6, busy.size());
    assertThat(after.status())
        .as("the messages went while the transfer ran")
        .isEqualTo(TransferInfo.Status.RUNNING);
    assertThat(after.done()).isGreaterThan(doneBefore);
    NodeEvent.TransferFinished done = FileSharingTest.finished(bob, "disk.img");
    assertThat(Files.size(done.file())).isEqualTo(size);
    assertThat(FileSharingTest.sha256(done.file())).isEqualTo(FileSharingTest.sha256(file));
  }
}
