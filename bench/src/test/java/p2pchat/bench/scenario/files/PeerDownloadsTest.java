package p2pchat.bench.scenario.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/** The bench's downloads are real ones: every byte comes from the sources offered, and is kept. */
@ExtendWith(UncaughtExceptionsExtension.class)
class PeerDownloadsTest {
  @TempDir Path tmp;

  @Test
  void eachDownloadTakesTheWholeFileFromTheSourcesOfferedAndLeavesNothing() throws Exception {
    Path shared = Files.createDirectories(tmp.resolve("shared"));
    long size = (5L << 20) + 3;
    write(shared.resolve("f.bin"), size);
    try (PeerDownloads peers = new PeerDownloads(tmp.resolve("peers"))) {
      peers.share(shared, "f.bin");
      for (int sources = 1; sources <= 3; sources++) {
        PeerDownloads.Run run = peers.download(sources);

        assertThat(run.megabytesPerSecond()).isPositive();
        assertThat(run.bytesBySource().values().stream().mapToLong(Long::longValue).sum())
            .as("bytes by source %s", run.bytesBySource())
            .isEqualTo(size);
        assertThat(run.bytesBySource().keySet())
            .isSubsetOf(java.util.List.of("alice", "carol", "dave").subList(0, sources));
      }
      try (var left = Files.list(tmp.resolve("peers/downloads"))) {
        assertThat(left).as("downloads deleted after each run").isEmpty();
      }
    }
  }

  private static void write(Path file, long size) throws IOException {
    Random random = new Random(1);
    byte[] block = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; left -= block.length) {
        random.nextBytes(block);
        out.write(block, 0, (int) Math.min(block.length, left));
      }
    }
  }
}
