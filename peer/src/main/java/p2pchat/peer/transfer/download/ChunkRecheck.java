package p2pchat.peer.transfer.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import p2pchat.peer.transfer.Manifest;
import p2pchat.protocol.message.FileHash;

/**
 * Checks every chunk of a partial file against its hash again: what a download does when all its
 * chunks were verified yet the whole file does not match (a disk lost a write, or the manifest is
 * wrong).
 */
final class ChunkRecheck {
  private ChunkRecheck() {}

  /** The chunks of {@code state}'s partial file that do not match {@code manifest}. */
  static List<Integer> badChunks(Manifest manifest, DownloadState state) throws IOException {
    List<Integer> bad = new ArrayList<>();
    ByteBuffer buffer = ByteBuffer.allocate(manifest.chunkSize());
    MessageDigest digest = FileHash.newDigest();
    for (int i = 0; i < manifest.count(); i++) {
      buffer.clear().limit(manifest.length(i));
      state.read(buffer, manifest.offset(i));
      buffer.flip();
      digest.update(buffer);
      if (!manifest.chunks().matches(i, digest.digest())) {
        bad.add(i);
      }
    }
    return bad;
  }
}
