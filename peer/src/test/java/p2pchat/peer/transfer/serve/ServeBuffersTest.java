package p2pchat.peer.transfer.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

/**
 * A serving buffer's memory is used again only once every DATA frame sliced from it is released.
 */
class ServeBuffersTest {
  @Test
  void memoryComesBackOnlyOnceTheLastSliceIsReleased() {
    ServeBuffers buffers = new ServeBuffers();
    ByteBuf chunk = buffers.take(64 * 1024);
    assertThat(chunk.readableBytes()).isZero();
    assertThat(chunk.writableBytes()).isEqualTo(64 * 1024);
    chunk.writeBytes(new byte[64 * 1024]).setByte(0, 42);
    ByteBuf frame = chunk.retainedSlice(0, 1024);
    chunk.release();

    ByteBuf other = buffers.take(64 * 1024); // the frame still holds the first
    assertThat(other.getByte(0)).isZero();
    other.release();

    frame.release();
    ByteBuf again = buffers.take(64 * 1024);
    assertThat(again.getByte(0)).isEqualTo((byte) 42);
    assertThat(again.readableBytes()).isZero();
    again.release();
  }
}
