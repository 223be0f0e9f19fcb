package p2pchat.peer.transfer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import p2pchat.protocol.message.FileHash;

/**
 * A download as a user interface shows it: which file from whom, how far along, how fast, and from
 * which sources right now.
 *
 * @param id the number the user refers to it by
 * @param name the file's name
 * @param owner the user it was asked from
 * @param remotePath the path that user publishes it under
 * @param sha256 the content asked for
 * @param size bytes
 * @param done bytes verified so far
 * @param bytesPerSecond recent speed, 0 when stalled
 * @param eta the time left at that speed, if it is moving
 * @param sources the sources in use and the bytes each sent
 * @param status where it stands
 * @param note why it waits or failed, empty otherwise
 * @param target where the finished file goes
 */
public record TransferInfo(
    int id,
    String name,
    String owner,
    String remotePath,
    FileHash sha256,
    long size,
    long done,
    double bytesPerSecond,
    Optional<Duration> eta,
    List<SourceInfo> sources,
    Status status,
    String note,
    Path target) {

  /** One source in use, and the bytes it sent in this run. */
  public record SourceInfo(String name, long bytes) {}

  /** Where a download stands. */
  public enum Status {
    /** Looking for sources and asking for the manifest. */
    CONNECTING,
    /** Chunks are arriving. */
    RUNNING,
    /** No source is online; it resumes by itself when one comes back. */
    WAITING,
    /** Every chunk arrived; the whole-file hash is being checked. */
    VERIFYING,
    /** The file is in place with the right SHA-256. */
    DONE,
    /** It cannot finish; {@code note} says why. */
    FAILED,
    /** The user cancelled it. */
    CANCELLED
  }

  /** Whether it is over (done, failed or cancelled). */
  public boolean finished() {
    return status == Status.DONE || status == Status.FAILED || status == Status.CANCELLED;
  }
}
