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
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import p2pchat.bench.report.Result;

/**
 * {@code file-transfer}: one generated file moved over loopback, with the ceilings measured in the
 * same run: a raw TCP copy of the same bytes (file to socket to file, no TLS, no hashing) and
 * SHA-256 of the same bytes on one core (the hashing ceiling of this CPU).
 */
public final class FileTransfer {
  /**
   * @param bytes size of the generated file
   * @param dir where to put it (and the copies)
   */
  public record Params(long bytes, Path dir) {}

  private static final int BUFFER = 1 << 20;

  private FileTransfer() {}

  public static Result run(Params p, PrintWriter log) throws Exception {
    Result r = new Result("file-transfer");
    r.parameter("bytes", p.bytes()).parameter("MB", p.bytes() / 1e6);
    Path dir = Files.createTempDirectory(p.dir(), "p2pchat-bench-files-");
    try {
      Path source = dir.resolve("source.bin");
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
      r.note(
          "the p2pchat download (one, two and three sources) is not measured yet: the file-sharing"
              + " API (p2pchat.peer.transfer) is not in this build");
      r.note("MB = 10^6 bytes");
    } finally {
      ChatLatency.deleteTree(dir);
    }
    return r.finish();
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
