package p2pchat.protocol.frame;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;
import java.util.Objects;

/**
 * A DATA frame: {@code payload} bytes of transfer {@code transferId} starting at {@code offset}
 * within its file. Reserved for file transfer. The receiver owns {@code payload} and must release
 * it.
 *
 * <pre>
 * +------------------+---------------+--------------------------+
 * | transferId (u32) | offset (i64)  | payload (rest of frame)  |
 * +------------------+---------------+--------------------------+
 * </pre>
 */
public record DataFrame(int transferId, long offset, ByteBuf payload) {
  /** Bytes of a DATA body before its payload. */
  public static final int HEADER_BYTES = 4 + 8;

  public DataFrame {
    Objects.requireNonNull(payload, "payload");
    if (offset < 0) {
      throw new IllegalArgumentException("offset " + offset + " is negative");
    }
  }

  /** Releases the payload; {@link ReferenceCounted#release()} semantics. */
  public boolean release() {
    return payload.release();
  }
}
