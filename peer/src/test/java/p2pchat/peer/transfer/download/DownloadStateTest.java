package p2pchat.peer.transfer.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.peer.share.ChunkHashes;
import p2pchat.peer.transfer.Manifest;
import p2pchat.protocol.message.FileHash;

/**
 * The partial file on disk: chunks written from the aligned chunk buffers (direct I/O where the
 * file system allows it, the unaligned tail through the page cache) read back as they were, and the
 * verified chunks survive a reopen.
 */
class DownloadStateTest {
  private static final int CHUNK = 64 * 1024;

  @TempDir Path tmp;

  @Test
  void chunksWrittenFromChunkBuffersReadBackWholeIncludingAnUnalignedTail() throws Exception {
    byte[] content = new byte[3 * CHUNK + 1000];
    new Random(7).nextBytes(content);
    Manifest manifest = manifestOf(content);
    Path target = tmp.resolve("dl/file.bin");
    ChunkBuffers buffers = new ChunkBuffers(() -> {});
    try (DownloadState state = DownloadState.open(target, manifest)) {
      for (int i = manifest.count() - 1; i >= 0; i--) { // any order, the tail first
        ByteBuffer chunk = buffers.take(CHUNK);
        chunk.put(content, (int) manifest.offset(i), manifest.length(i)).flip();
        state.write(chunk, manifest.offset(i));
        buffers.giveBack(chunk);
        state.markVerified(i);
      }
      ByteBuffer all = ByteBuffer.allocate(content.length);
      state.read(all, 0);
      assertThat(all.array()).isEqualTo(content);
    }
    try (DownloadState again = DownloadState.open(target, manifest)) {
      assertThat(again.complete()).isTrue();
      again.finish(target);
    }
    assertThat(Files.readAllBytes(target)).isEqualTo(content);
  }

  @Test
  void aHeapBufferAndAnOddPositionAreWrittenThroughThePageCache() throws Exception {
    byte[] content = new byte[2 * CHUNK];
    new Random(8).nextBytes(content);
    Path target = tmp.resolve("file.bin");
    try (DownloadState state = DownloadState.open(target, manifestOf(content))) {
      state.write(ByteBuffer.wrap(content, 0, 10), 0);
      state.write(ByteBuffer.wrap(content, 10, content.length - 10).slice(), 10);
      ByteBuffer all = ByteBuffer.allocate(content.length);
      state.read(all, 0);
      assertThat(all.array()).isEqualTo(content);
    }
  }

  private static Manifest manifestOf(byte[] content) {
    List<FileHash> hashes = new ArrayList<>();
    for (int at = 0; at < content.length; at += CHUNK) {
      hashes.add(
          FileHash.sha256(Arrays.copyOfRange(content, at, Math.min(content.length, at + CHUNK))));
    }
    return new Manifest(
        "file.bin", content.length, CHUNK, FileHash.sha256(content), ChunkHashes.of(hashes));
  }
}
