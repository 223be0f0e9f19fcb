package p2pchat.peer.transfer.download;

import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * The chunk buffers of one source: direct, aligned for direct I/O, a few at most. A buffer is
 * filled by the source's thread, written, and may then be lent to the whole-file hash, which gives
 * it back once hashed; when none is free the lender is asked to give back those it is not using.
 */
final class ChunkBuffers {
  /**
   * Most bytes of buffers one source holds (but at least two buffers): the default pipeline, so
   * that a source can wait for the whole-file hash with its pipeline's worth of chunks lent to it.
   */
  private static final int MAX_BYTES = 8 << 20;

  // Last in, first out: the buffer given back last is the likeliest still in the CPU's caches.
  private final LinkedBlockingDeque<ByteBuffer> free = new LinkedBlockingDeque<>();
  private final Runnable reclaim;
  private int allocated; // the taking thread's own

  /** Buffers that call {@code reclaim} when none is free, before waiting for one. */
  ChunkBuffers(Runnable reclaim) {
    this.reclaim = reclaim;
  }

  /**
   * A cleared buffer of {@code size} bytes (always the same size: one download's chunk size); waits
   * while all are lent out. One thread takes.
   */
  ByteBuffer take(int size) throws InterruptedException {
    ByteBuffer buffer = free.pollFirst();
    if (buffer == null && allocated < Math.max(2, MAX_BYTES / size)) {
      allocated++;
      buffer = allocate(size);
    }
    if (buffer == null) {
      reclaim.run();
      buffer = free.takeFirst();
    }
    return buffer.clear();
  }

  /** Returns {@code buffer} for use again; any thread. */
  void giveBack(ByteBuffer buffer) {
    free.addFirst(buffer);
  }

  private static ByteBuffer allocate(int size) {
    int align = DownloadState.BUFFER_ALIGNMENT;
    return ByteBuffer.allocateDirect(size + align).alignedSlice(align).slice(0, size);
  }
}
