package p2pchat.peer.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.peer.share.IndexedFile;
import p2pchat.protocol.tls.TlsContexts;

/**
 * Measures download speed over loopback TLS for chunk sizes, pipeline depths and DATA frame sizes,
 * and prints a table: how the defaults in {@link TransferSettings} and {@code Chunks} were chosen.
 * Off by default; run with {@code ./mvnw -pl peer -am test -Dtest=TransferBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dp2pchat.bench=true} (size: {@code
 * -Dp2pchat.bench.mib=1024}).
 */
@EnabledIfSystemProperty(named = "p2pchat.bench", matches = "true")
class TransferBenchmark {
  @TempDir Path tmp;

  private static int[] kibList(String property, int[] fallback) {
    String value = System.getProperty(property);
    return value == null
        ? fallback
        : java.util.Arrays.stream(value.split(","))
            .mapToInt(k -> Integer.parseInt(k) << 10)
            .toArray();
  }

  @Test
  void measure() throws Exception {
    long size = Long.getLong("p2pchat.bench.mib", 1024) << 20;
    int[] chunkSizes = kibList("p2pchat.bench.chunks", new int[] {256 << 10, 1 << 20, 4 << 20});
    int[] inFlight =
        kibList("p2pchat.bench.inflight", new int[] {2 << 20, 4 << 20, 8 << 20, 16 << 20});
    int[] frames = kibList("p2pchat.bench.frames", new int[] {64 << 10, 256 << 10, 1000 << 10});
    int runs = Integer.getInteger("p2pchat.bench.runs", 2);
    Path share = Files.createDirectories(tmp.resolve("bench"));
    try (RandomAccessFile f = new RandomAccessFile(share.resolve("data.bin").toFile(), "rw")) {
      f.setLength(size);
    }
    System.out.printf(
        "download of %d MiB over loopback TLS 1.3 (%s), %d cores, %d runs each%n",
        size >> 20, TlsContexts.provider(), Runtime.getRuntime().availableProcessors(), runs);
    System.out.println("chunk KiB | in flight MiB | frame KiB | median MB/s | best MB/s | load");
    for (int chunk : chunkSizes) {
      for (int frame : frames) {
        for (int pipeline : inFlight) {
          if (frame > chunk) {
            continue;
          }
          double[] mbs = new double[runs];
          for (int i = 0; i < runs; i++) {
            mbs[i] = run(share, size, chunk, pipeline, frame);
          }
          java.util.Arrays.sort(mbs);
          System.out.printf(
              "%9d | %13d | %9d | %11.0f | %9.0f | %.1f%n",
              chunk >> 10,
              pipeline >> 20,
              frame >> 10,
              mbs[runs / 2],
              mbs[runs - 1],
              java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                  .getSystemLoadAverage());
        }
      }
    }
  }

  private double run(Path share, long size, int chunk, int pipeline, int frame) throws Exception {
    Path home = Files.createTempDirectory(tmp, "run");
    TransferSettings settings = TransferSettings.DEFAULTS.with(pipeline, frame);
    TestPeer alice = new TestPeer("alice", home.resolve("alice"));
    TestPeer bob = new TestPeer("bob", home.resolve("bob"));
    alice.chunkSizeFor = s -> chunk;
    Map<String, p2pchat.protocol.identity.PeerId> friends =
        Map.of("alice", alice.identity.peerId(), "bob", bob.identity.peerId());
    try {
      alice.start(friends, settings);
      bob.start(friends, settings);
      alice.share(share);
      IndexedFile file = alice.index().find("bench/data.bin").orElseThrow();
      Downloads downloads = bob.downloads((h, o, p) -> List.of(alice.source(p)));
      long start = System.nanoTime();
      TransferInfo info =
          downloads.start("alice", "bench/data.bin", file.sha256(), size, home.resolve("dl"));
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> downloads.info(info.id()).orElseThrow().finished());
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(downloads.info(info.id()).orElseThrow().status())
          .isEqualTo(TransferInfo.Status.DONE);
      Files.delete(downloads.info(info.id()).orElseThrow().target());
      return size / 1e6 / seconds;
    } finally {
      alice.close();
      bob.close();
    }
  }
}
