package p2pchat.peer.share;

import java.nio.file.Path;
import p2pchat.protocol.message.FileHash;
import p2pchat.protocol.message.FileIndexMessage.SharedFile;

/**
 * One file of a shared folder as it was when indexed.
 *
 * @param publishedPath the path others see: the folder's label, a slash, the relative path
 * @param root the shared folder's real path (local: never published)
 * @param relativePath the path inside {@code root}, {@code /}-separated
 * @param size bytes
 * @param modifiedNanos last modification, nanoseconds since the epoch
 * @param fileKey device and inode, so that a file replaced by another is noticed
 * @param chunkSize bytes per chunk
 * @param sha256 of the whole file
 * @param chunks the SHA-256 of each chunk
 */
public record IndexedFile(
    String publishedPath,
    Path root,
    String relativePath,
    long size,
    long modifiedNanos,
    String fileKey,
    int chunkSize,
    FileHash sha256,
    ChunkHashes chunks) {

  /** Where the file is on this machine. */
  public Path file() {
    return root.resolve(relativePath);
  }

  /** The entry as published to the registry: no local path. */
  public SharedFile published() {
    return new SharedFile(publishedPath, size, sha256);
  }

  /** Whether {@code now} describes the same file, unchanged since indexing. */
  boolean sameAs(FileState now) {
    return now.size() == size
        && now.modifiedNanos() == modifiedNanos
        && now.fileKey().equals(fileKey);
  }
}
