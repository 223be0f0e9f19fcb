package p2pchat.peer.profile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds the lock file of a profile folder while a node runs on it, so that a second node on the
 * same profile (and its {@code profile.db}) is refused rather than let in to write beside the
 * first. The operating system releases the lock when the process ends, however it ends; the file
 * itself stays (deleting it would let a third process lock a new file while the second still holds
 * the old one).
 */
public final class ProfileLock implements AutoCloseable {
  /** File name inside a profile folder. */
  public static final String FILE_NAME = "lock";

  /**
   * The lock files this JVM holds. A second channel on a held file must not even be opened: on
   * POSIX systems closing it would drop the process's lock taken through the first one.
   */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path key;
  private final FileChannel channel; // holds the lock while open
  private boolean closed;

  private ProfileLock(Path key, FileChannel channel) {
    this.key = key;
    this.channel = channel;
  }

  /** The profile folder cannot be locked: another node runs on it. */
  public static final class AlreadyRunning extends IOException {
    private static final long serialVersionUID = 1L;

    AlreadyRunning(String message) {
      super(message);
    }
  }

  /**
   * Locks the profile in {@code dir} (creating the folder) until {@link #close}; throws {@link
   * AlreadyRunning} with a sentence when a node in this or another process holds it.
   */
  public static ProfileLock acquire(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(FILE_NAME);
    Path key = dir.toRealPath().resolve(FILE_NAME); // one profile, however its folder is spelled
    if (!HELD.add(key)) {
      throw alreadyRunning(dir, file, "another node in this process holds");
    }
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // this JVM holds it through a channel this class did not open
      }
      if (lock == null) {
        String holder = holder(file);
        channel.close();
        HELD.remove(key);
        throw alreadyRunning(dir, file, "another p2pchat" + holder + " holds");
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + System.lineSeparator())
                  .getBytes(StandardCharsets.UTF_8)));
      channel.force(false);
      return new ProfileLock(key, channel);
    } catch (AlreadyRunning e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      HELD.remove(key);
      throw e;
    }
  }

  private static AlreadyRunning alreadyRunning(Path dir, Path file, String who) {
    return new AlreadyRunning(
        "already running in this profile ("
            + dir
            + "): "
            + who
            + " its lock "
            + file
            + "; quit that one first, or use another profile folder");
  }

  /** " (process N)" as the holder wrote it in the file, or nothing if it cannot be read. */
  private static String holder(Path file) {
    try {
      String pid = Files.readString(file, StandardCharsets.UTF_8).strip();
      return pid.matches("\\d{1,19}") ? " (process " + pid + ")" : "";
    } catch (IOException e) {
      return ""; // where locks are mandatory (Windows), the holder's file cannot be read
    }
  }

  /** Releases the lock; closing again does nothing. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      channel.close(); // releases the lock
    } finally {
      HELD.remove(key);
    }
  }
}
