package p2pchat.bench.scenario;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import p2pchat.bench.report.Result;
import p2pchat.bench.scenario.files.PeerDownloads;

/**
 * {@code file-transfer}: one generated file downloaded peer to peer over loopback from one, two and
 * three sources, with the ceilings measured in the same run: a raw TCP copy of the same bytes (file
 * to socket to file, no TLS, no hashing) and SHA-256 of the same bytes on one core (the hashing
 * ceiling of this CPU).
 */
public final class FileTransfer {
  /**
   * @param bytes size of the generated file
   * @param dir where to put it (and the copies)
   * @param runs downloads of each kind (one, two, three sources); the median and best are reported
   */
  public record Params(long bytes, Path dir, int runs) {
    public Params {
      if (runs < 1) {
        throw new IllegalArgumentException("runs must be at least 1");
      }
    }
  }

  private static final int BUFFER = 1 << 20;

  private FileTransfer() {}

  public static Result run(Params p, PrintWriter log) throws Exception {
    Result r = new Result("file-transfer");
    r.parameter("bytes", p.bytes()).parameter("MB", p.bytes() / 1e6);
    Path dir = Files.createTempDirectory(p.dir(), "p2pchat-bench-files-");
    try {
      Path shared = Files.createDirectories(dir.resolve("shared"));
      Path source = shared.resolve("source.bin");
      log.printf("file-transfer: generating %,d bytes...%n", p.bytes());
      log.flush();
      generate(source, p.bytes());
      byte[] sourceHash = sha256(source); // also brings the file into the page cache

      log.println("file-transfer: SHA-256 on one core...");
      log.flush();
      long t0 = System.nanoTime();
      sha256(source);
      double hashRate = p.bytes() / ((System.nanoTime() - t0) / 1e9) / 1e6;

      log.println("file-transfer: raw TCP copies...");
      log.flush();
      double socketRate = rawCopy(source, null, p.bytes()) / 1e6;
      Path copy = dir.resolve("raw-copy.bin");
      double rawRate = rawCopy(source, copy, p.bytes()) / 1e6;
      boolean same = java.util.Arrays.equals(sourceHash, sha256(copy));
      Files.delete(copy);

      r.metric("ceilings", "SHA-256, one core", hashRate, "MB/s");
      r.metric("ceilings", "raw TCP copy, file to file", rawRate, "MB/s");
      r.metric("ceilings", "raw TCP copy, file to memory (nothing written)", socketRate, "MB/s");
      r.metric("ceilings", "raw copy arrived intact (SHA-256 equal)", same ? 1 : 0, "yes=1");
      r.metric("ceilings", "90% of the SHA-256 rate (the download target)", 0.9 * hashRate, "MB/s");
      r.note("source SHA-256 " + HexFormat.of().formatHex(sourceHash));
      downloads(p, dir, shared, hashRate, HexFormat.of().formatHex(sourceHash), r, log);
      r.note("MB = 10^6 bytes");
    } finally {
      ChatLatency.deleteTree(dir);
    }
    return r.finish();
  }

  /**
   * The p2pchat downloads: {@code runs} each from one, two and three sources, timed from the
   * request until the file is verified and in place.
   */
  private static void downloads(
      Params p, Path dir, Path shared, double hashRate, String sha256, Result r, PrintWriter log)
      throws Exception {
    try (PeerDownloads peers = new PeerDownloads(dir.resolve("peers"))) {
      log.println("file-transfer: three peers index the shared folder...");
      log.flush();
      Duration indexing = peers.share(shared, "source.bin");
      if (!peers.sha256().equals(sha256)) {
        throw new IllegalStateException("the peers indexed other content than was generated");
      }
      r.metric(
          "p2pchat",
          "indexing (chunk hashes and SHA-256)",
          p.bytes() / 1e6 / seconds(indexing),
          "MB/s");
      log.println("file-transfer: warm-up download from three sources (not counted)...");
      log.flush();
      peers.download(3);
      double one = 0;
      for (int sources = 1; sources <= 3; sources++) {
        double[] rates = new double[p.runs()];
        PeerDownloads.Run last = null;
        for (int i = 0; i < p.runs(); i++) {
          log.printf(
              "file-transfer: p2pchat download from %d source(s), run %d...%n", sources, i + 1);
          log.flush();
          last = peers.download(sources);
          rates[i] = last.megabytesPerSecond();
        }
        Arrays.sort(rates);
        double median = rates[rates.length / 2];
        String name = "download from " + sources + (sources == 1 ? " source" : " sources");
        if (sources == 1) {
          one = median;
          r.atLeast("p2pchat", name + ", median", median, "MB/s", 0.9 * hashRate);
        } else {
          r.atLeast("p2pchat", name + ", median", median, "MB/s", one);
        }
        r.metric("p2pchat", name + ", best", rates[rates.length - 1], "MB/s");
        r.note(name + ", bytes sent by each in the last run: " + last.bytesBySource());
      }
    }
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  /** Writes {@code bytes} pseudo-random bytes (a fixed seed: the same file every run). */
  static void generate(Path file, long bytes) throws IOException {
    SplittableRandom random = new SplittableRandom(20251121);
    ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel out =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      long left = bytes;
      while (left > 0) {
        buf.clear();
        while (buf.remaining() >= 8) {
          buf.putLong(random.nextLong());
        }
        buf.flip();
        buf.limit((int) Math.min(buf.limit(), left));
        left -= buf.remaining();
        while (buf.hasRemaining()) {
          out.write(buf);
        }
      }
    }
  }

  /** SHA-256 of the file, read in 1 MiB blocks on this thread. */
  static byte[] sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    ByteBuffer buf = ByteBuffer.allocate(BUFFER);
    try (FileChannel in = FileChannel.open(file)) {
      while (in.read(buf.clear()) >= 0) {
        buf.flip();
        digest.update(buf);
      }
    }
    return digest.digest();
  }

  /**
   * Copies the file over a loopback socket into {@code target} (or, if null, reads and drops it);
   * returns bytes per second.
   */
  static double rawCopy(Path source, Path target, long bytes) throws Exception {
    try (ServerSocketChannel server =
        ServerSocketChannel.open()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      CompletableFuture<Long> received = new CompletableFuture<>();
      Thread receiver =
          Thread.ofPlatform()
              .name("raw-receiver")
              .start(
                  () -> {
                    try (SocketChannel s = server.accept();
                        FileChannel out =
                            target == null
                                ? null
                                : FileChannel.open(
                                    target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                      ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
                      long total = 0;
                      int got;
                      while ((got = s.read(buf)) >= 0) {
                        buf.flip();
                        if (out == null) {
                          total += got;
                        }
                        while (out != null && buf.hasRemaining()) {
                          total += out.write(buf);
                        }
                        buf.clear();
                      }
                      received.complete(total);
                    } catch (IOException e) {
                      received.completeExceptionally(e);
                    }
                  });
      long t0 = System.nanoTime();
      try (SocketChannel s = SocketChannel.open(server.getLocalAddress());
          FileChannel in = FileChannel.open(source)) {
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
        while (in.read(buf) >= 0) {
          buf.flip();
          while (buf.hasRemaining()) {
            s.write(buf);
          }
          buf.clear();
        }
      }
      long got = received.get();
      double seconds = (System.nanoTime() - t0) / 1e9;
      receiver.join();
      if (got != bytes) {
        throw new IllegalStateException("raw copy moved " + got + " of " + bytes + " bytes");
      }
      return bytes / seconds;
    }
  }
}
