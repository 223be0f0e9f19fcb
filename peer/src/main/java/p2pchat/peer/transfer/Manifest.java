package p2pchat.peer.transfer;

import java.util.ArrayList;
import java.util.List;
import p2pchat.peer.share.ChunkHashes;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.message.Chunks;
import p2pchat.protocol.message.FileHash;
import p2pchat.protocol.message.FileMessage.ManifestPage;

/**
 * A file as its source describes it: published path, size, chunk size, whole-file SHA-256 and the
 * SHA-256 of each chunk. Two honest sources of the same content give equal manifests.
 */
public record Manifest(String path, long size, int chunkSize, FileHash sha256, ChunkHashes chunks) {

  /** The number of chunks. */
  public int count() {
    return chunks.count();
  }

  /** The length of chunk {@code index}. */
  public int length(int index) {
    return Chunks.length(size, chunkSize, index);
  }

  /** The offset of chunk {@code index}. */
  public long offset(int index) {
    return Chunks.offset(index, chunkSize);
  }

  /** Whether {@code other} describes the same chunks of the same content. */
  public boolean sameContent(Manifest other) {
    return size == other.size
        && chunkSize == other.chunkSize
        && sha256.equals(other.sha256)
        && chunks.equals(other.chunks);
  }

  /** Gathers the pages of one manifest, checking that they follow each other and agree. */
  static final class Builder {
    private final List<FileHash> hashes = new ArrayList<>();
    private ManifestPage first;

    /** Adds {@code page}; returns the manifest when it was the last page, else null. */
    Manifest add(ManifestPage page) throws ProtocolException {
      if (first == null) {
        first = page;
      } else if (page.size() != first.size()
          || page.chunkSize() != first.chunkSize()
          || !page.sha256().equals(first.sha256())
          || !page.path().equals(first.path())) {
        throw new ProtocolException(
            "manifest pages of transfer " + page.transferId() + " disagree");
      }
      if (page.firstChunk() != hashes.size()) {
        throw new ProtocolException(
            "manifest page starts at chunk " + page.firstChunk() + ", expected " + hashes.size());
      }
      hashes.addAll(page.chunkHashes());
      if (!page.last()) {
        return null;
      }
      return new Manifest(
          first.path(), first.size(), first.chunkSize(), first.sha256(), ChunkHashes.of(hashes));
    }
  }
}
