package p2pchat.peer.share;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import p2pchat.protocol.message.FileHash;

/** Files of reproducible content for tests: the same size and seed always give the same bytes. */
public final class TestFiles {
  private TestFiles() {}

  /** Writes {@code size} pseudo-random bytes made from {@code seed} to {@code file}. */
  public static Path write(Path file, long size, long seed) throws IOException {
    Files.createDirectories(file.getParent());
    SplittableRandom random = new SplittableRandom(seed);
    byte[] buffer = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; ) {
        random.nextBytes(buffer);
        int n = (int) Math.min(buffer.length, left);
        out.write(buffer, 0, n);
        left -= n;
      }
    }
    return file;
  }

  /** The SHA-256 of {@code file}, as {@code sha256sum} computes it. */
  public static FileHash sha256(Path file) throws IOException {
    var digest = FileHash.newDigest();
    byte[] buffer = new byte[1 << 20];
    try (var in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return FileHash.of(digest.digest());
  }

  /** Whether this process runs as root (which reads anything, whatever the permissions). */
  public static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }
}
