package p2pchat.protocol.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import p2pchat.protocol.Limits;

/**
 * Messages on a file-transfer connection: a TLS connection of its own, separate from the chat link,
 * so that chat never waits behind file data. After the version exchange the dialer opens it with
 * {@link OpenTransfer} (where a chat link would send {@code Introduce}); the listener checks the
 * name against the TLS PeerId by the same rules as for chat links and answers {@link
 * TransferOpened} or a failure. Then the dialer asks for manifests and chunks; the file data comes
 * back in DATA frames. A refusal is a {@code Failure} whose {@code requestId} is the transfer id.
 */
public sealed interface FileMessage extends Message {
  /** The dialer's user name; opens a file-transfer connection instead of a chat link. */
  record OpenTransfer(String name) implements FileMessage {
    public OpenTransfer {
      Checks.text(name, "name", Limits.MAX_HOST_BYTES);
    }
  }

  /** The listener accepted the dialer; {@code name} is the listener's own user name. */
  record TransferOpened(String name) implements FileMessage {
    public TransferOpened {
      Checks.text(name, "name", Limits.MAX_HOST_BYTES);
    }
  }

  /**
   * Asks for the manifest of a shared file, by its published {@code path}, by its {@code sha256},
   * or by both (then both must match). {@code transferId} (1 or more, chosen by the asker, unique
   * on the connection) names the file in later requests and in DATA frames. Answered by {@link
   * ManifestPage}s or a failure ({@code NO_SUCH_FILE}, {@code PATH_REFUSED}, {@code FILE_CHANGED}).
   * The path is not checked here: the serving side refuses (and logs) a path that breaks the rules.
   */
  record GetManifest(int transferId, String path, Optional<FileHash> sha256)
      implements FileMessage {
    public GetManifest {
      checkTransferId(transferId);
      Checks.text(path, "path", Limits.MAX_PATH_BYTES);
      Objects.requireNonNull(sha256, "sha256");
      if (path.isEmpty() && sha256.isEmpty()) {
        throw new IllegalArgumentException("a manifest request needs a path or a hash");
      }
    }
  }

  /**
   * One page of a file's manifest: its path, size, chunk size and whole-file SHA-256 (the same on
   * every page), and the SHA-256s of the chunks from {@code firstChunk} on. Pages come in order;
   * the final one has {@code last} set and ends at the last chunk.
   */
  record ManifestPage(
      int transferId,
      String path,
      long size,
      int chunkSize,
      FileHash sha256,
      int firstChunk,
      List<FileHash> chunkHashes,
      boolean last)
      implements FileMessage {
    public ManifestPage {
      checkTransferId(transferId);
      SharedPaths.check(path, "path");
      Chunks.check(size, chunkSize);
      Objects.requireNonNull(sha256, "sha256");
      chunkHashes = List.copyOf(chunkHashes);
      if (chunkHashes.size() > Limits.MAX_HASHES_PER_PAGE) {
        throw new IllegalArgumentException(
            "a manifest page holds at most " + Limits.MAX_HASHES_PER_PAGE + " chunk hashes");
      }
      long count = Chunks.count(size, chunkSize);
      if (firstChunk < 0 || firstChunk + (long) chunkHashes.size() > count) {
        throw new IllegalArgumentException(
            "chunks "
                + firstChunk
                + ".."
                + (firstChunk + chunkHashes.size() - 1)
                + " are outside a file of "
                + count
                + " chunks");
      }
      if (last && firstChunk + (long) chunkHashes.size() != count) {
        throw new IllegalArgumentException(
            "the last manifest page ends at chunk "
                + (firstChunk + chunkHashes.size())
                + " of "
                + count);
      }
    }

    @Override
    public String toString() {
      return "ManifestPage[transferId="
          + transferId
          + ", path="
          + path
          + ", size="
          + size
          + ", chunkSize="
          + chunkSize
          + ", sha256="
          + sha256
          + ", chunks="
          + firstChunk
          + "+"
          + chunkHashes.size()
          + ", last="
          + last
          + "]";
    }

    /** How many chunks the whole file has. */
    public int chunkCount() {
      return (int) Chunks.count(size, chunkSize);
    }
  }

  /**
   * Asks for {@code count} chunks from {@code firstChunk} on of an open transfer. They come back in
   * order, each as DATA frames of consecutive offsets; requests are served in the order they came.
   * The asker keeps a few requests outstanding (pipelining) rather than asking for a whole file.
   */
  record GetChunks(int transferId, int firstChunk, int count) implements FileMessage {
    public GetChunks {
      checkTransferId(transferId);
      if (firstChunk < 0) {
        throw new IllegalArgumentException("firstChunk " + firstChunk + " is negative");
      }
      if (count < 1 || count > Limits.MAX_CHUNKS_PER_REQUEST) {
        throw new IllegalArgumentException(
            "count " + count + " is outside 1.." + Limits.MAX_CHUNKS_PER_REQUEST);
      }
    }
  }

  /**
   * The asker wants nothing more of this transfer: chunks not sent yet are dropped and the id may
   * be used again.
   */
  record CloseTransfer(int transferId) implements FileMessage {
    public CloseTransfer {
      checkTransferId(transferId);
    }
  }

  private static void checkTransferId(int transferId) {
    if (transferId < 1) {
      throw new IllegalArgumentException("transferId " + transferId + " is not 1 or more");
    }
  }
}
