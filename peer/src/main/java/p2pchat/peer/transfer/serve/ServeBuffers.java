package p2pchat.peer.transfer.serve;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The direct buffers one serving connection reads chunks into, used again once Netty released every
 * DATA frame sliced from them. Measured: a fresh buffer for each chunk (what the allocator gave for
 * 1 MiB) made the kernel's copy of the file into it cost as much as hashing the chunk, since every
 * chunk landed in memory not touched before; a buffer used again is warm.
 */
final class ServeBuffers {
  /** Free buffers kept; more are made when needed (the outbound water mark bounds how many). */
  private static final int KEEP = 8;

  // Last in, first out: the buffer given back last is the likeliest still in the CPU's caches.
  private final ConcurrentLinkedDeque<ByteBuffer> free = new ConcurrentLinkedDeque<>();

  /** An empty buffer of {@code length} bytes; it returns here when its last reference goes. */
  ByteBuf take(int length) {
    ByteBuffer memory = free.pollFirst();
    if (memory == null || memory.capacity() < length) {
      memory = ByteBuffer.allocateDirect(length);
    }
    memory.clear().limit(length);
    return new Lent(memory).clear();
  }

  private void giveBack(ByteBuffer memory) {
    if (free.size() < KEEP) {
      free.addFirst(memory);
    }
  }

  /** A buffer on lent memory: deallocating it gives the memory back instead of freeing it. */
  private final class Lent extends UnpooledDirectByteBuf {
    private final ByteBuffer memory;

    Lent(ByteBuffer memory) {
      super(UnpooledByteBufAllocator.DEFAULT, memory, memory.limit());
      this.memory = memory;
    }

    @Override
    protected void deallocate() {
      super.deallocate(); // does not free: the memory was handed in
      giveBack(memory);
    }
  }
}
