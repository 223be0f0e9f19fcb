package p2pchat.peer.transfer.download;

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
import p2pchat.peer.transfer.RawClient;
import p2pchat.peer.transfer.TestPeer;
import p2pchat.peer.transfer.TransferInfo;
import p2pchat.peer.transfer.TransferSettings;
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
  private boolean printedTls;

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
    int[] sourceCounts =
        java.util.Arrays.stream(System.getProperty("p2pchat.bench.sources", "1").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    Path share = Files.createDirectories(tmp.resolve("bench"));
    try (RandomAccessFile f = new RandomAccessFile(share.resolve("data.bin").toFile(), "rw")) {
      f.setLength(size);
    }
    System.out.printf(
        "download of %d MiB over loopback TLS 1.3 (%s), %d cores, %d runs each%n",
        size >> 20, TlsContexts.provider(), Runtime.getRuntime().availableProcessors(), runs);
    System.out.printf("SHA-256 on one core: %.0f MB/s%n", sha256Rate());
    System.out.println(
        "sources | chunk KiB | in flight MiB | frame KiB | median MB/s | best MB/s | CPU ms/MB"
            + " | load");
    for (int sources : sourceCounts) {
      for (int chunk : chunkSizes) {
        for (int frame : frames) {
          for (int pipeline : inFlight) {
            if (frame > chunk) {
              continue;
            }
            double[] mbs = new double[runs];
            double[] cpu = new double[runs];
            for (int i = 0; i < runs; i++) {
              double[] result = run(share, size, sources, chunk, pipeline, frame);
              mbs[i] = result[0];
              cpu[i] = result[1];
            }
            java.util.Arrays.sort(mbs);
            java.util.Arrays.sort(cpu);
            System.out.printf(
                "%7d | %9d | %13d | %9d | %11.0f | %9.0f | %9.2f | %.1f%n",
                sources,
                chunk >> 10,
                pipeline >> 20,
                frame >> 10,
                mbs[runs / 2],
                mbs[runs - 1],
                cpu[runs / 2],
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
          }
        }
      }
    }
  }

  /** SHA-256 throughput of one core on this machine, in MB/s: the best of a few rounds. */
  private static double sha256Rate() throws Exception {
    byte[] block = new byte[1 << 20];
    new java.util.Random(1).nextBytes(block);
    java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
    double best = 0;
    for (int round = 0; round < 5; round++) {
      long start = System.nanoTime();
      for (int i = 0; i < 256; i++) {
        digest.update(block);
      }
      digest.digest();
      best = Math.max(best, 256 * block.length / 1e6 / ((System.nanoTime() - start) / 1e9));
    }
    return best;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** One download: its MB/s and the CPU milliseconds the process spent per MB meanwhile. */
  private double[] run(Path share, long size, int sources, int chunk, int pipeline, int frame)
      throws Exception {
    Path home = Files.createTempDirectory(tmp, "run");
    TransferSettings settings = TransferSettings.DEFAULTS.with(pipeline, frame);
    List<TestPeer> servers = new java.util.ArrayList<>();
    for (int i = 0; i < sources; i++) {
      TestPeer server = new TestPeer("source" + i, home.resolve("source" + i));
      server.chunkSizeFor = s -> chunk;
      servers.add(server);
    }
    TestPeer alice = servers.get(0);
    TestPeer bob = new TestPeer("bob", home.resolve("bob"));
    Map<String, p2pchat.protocol.identity.PeerId> friends = new java.util.HashMap<>();
    friends.put("bob", bob.identity.peerId());
    servers.forEach(p -> friends.put(p.name, p.identity.peerId()));
    try {
      for (TestPeer server : servers) {
        server.start(friends, settings);
        server.share(share);
      }
      bob.start(friends, settings);
      if (!printedTls) {
        try (RawClient probe = new RawClient(bob.identity, alice.source("").address())) {
          System.out.println("TLS: " + probe.tlsSession());
        }
        printedTls = true;
      }
      IndexedFile file = alice.index().find("bench/data.bin").orElseThrow();
      Downloads downloads =
          bob.downloads((h, o, p) -> servers.stream().map(s -> s.source(p)).toList());
      long cpuStart = processCpuNanos();
      long start = System.nanoTime();
      TransferInfo info =
          downloads.start(alice.name, "bench/data.bin", file.sha256(), size, home.resolve("dl"));
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> downloads.info(info.id()).orElseThrow().finished());
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuMsPerMb = (processCpuNanos() - cpuStart) / 1e6 / (size / 1e6);
      assertThat(downloads.info(info.id()).orElseThrow().status())
          .isEqualTo(TransferInfo.Status.DONE);
      Files.delete(downloads.info(info.id()).orElseThrow().target());
      return new double[] {size / 1e6 / seconds, cpuMsPerMb};
    } finally {
      servers.forEach(TestPeer::close);
      bob.close();
    }
  }
}
