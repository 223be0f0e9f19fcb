package p2pchat.peer.transfer.serve;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.util.internal.CleanableDirectBuffer;
import io.netty.util.internal.PlatformDependent;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The direct buffers a file server reads chunks into, used again once Netty released every DATA
 * frame sliced from them. Measured: a fresh buffer for each chunk (what the allocator gave for 1
 * MiB) made the kernel's copy of the file into it cost as much as hashing the chunk, since every
 * chunk landed in memory not touched before; a buffer used again is warm. One set serves all the
 * connections of a server, and keeps at most a few free buffers: the others are freed at once when
 * their last frame is released (not left for the garbage collector), so memory taken by a burst of
 * connections is given back when they end.
 */
final class ServeBuffers {
  /** Free buffers kept unless told otherwise; {@link ServeBudget} bounds how many are lent. */
  static final int KEEP = 16;

  private final int keep;
  // Last in, first out: the buffer given back last is the likeliest still in the CPU's caches.
  private final ConcurrentLinkedDeque<CleanableDirectBuffer> free = new ConcurrentLinkedDeque<>();
  private final AtomicInteger kept = new AtomicInteger();

  ServeBuffers() {
    this(KEEP);
  }

  /** Buffers that keep at most {@code keep} free ones for use again. */
  ServeBuffers(int keep) {
    this.keep = keep;
  }

  /** An empty buffer of {@code length} bytes; it returns here when its last reference goes. */
  ByteBuf take(int length) {
    CleanableDirectBuffer memory = free.pollFirst();
    if (memory != null) {
      kept.decrementAndGet();
      if (memory.buffer().capacity() < length) {
        memory.clean();
        memory = null;
      }
    }
    boolean fresh = memory == null;
    if (fresh) {
      // Netty's allocation (which can be freed at once, unlike ByteBuffer.allocateDirect's) is not
      // zeroed: nothing a process held before is ever in a buffer, even one never filled.
      memory = PlatformDependent.allocateDirect(length);
    }
    memory.buffer().clear().limit(length);
    Lent lent = new Lent(memory);
    if (fresh) {
      lent.setZero(0, length);
    }
    return lent.clear();
  }

  /** Free buffers kept now. */
  int kept() {
    return kept.get();
  }

  private void giveBack(CleanableDirectBuffer memory) {
    if (kept.incrementAndGet() <= keep) {
      free.addFirst(memory);
    } else {
      kept.decrementAndGet();
      memory.clean();
    }
  }

  /** A buffer on lent memory: deallocating it gives the memory back instead of freeing it. */
  private final class Lent extends UnpooledDirectByteBuf {
    private final CleanableDirectBuffer memory;

    Lent(CleanableDirectBuffer memory) {
      super(UnpooledByteBufAllocator.DEFAULT, memory.buffer(), memory.buffer().limit());
      this.memory = memory;
    }

    @Override
    protected void deallocate() {
      super.deallocate(); // does not free: the memory was handed in
      giveBack(memory);
    }
  }
}
