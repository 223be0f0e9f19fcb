package p2pchat.protocol.frame;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import p2pchat.protocol.Limits;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.codec.MessageCodec;

/**
 * Splits the byte stream into frames and decodes them into {@code Message}s and {@link DataFrame}s.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  length (u32, big-endian)                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     kind      |          body (length - 1 bytes) ...          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The length counts the kind byte and the body; it is checked against {@link
 * Limits#MAX_FRAME_LENGTH} as soon as its four bytes arrive, before anything is buffered for the
 * body. A violation throws {@link ProtocolException}; the decoder then discards everything after
 * it, since a stream cannot be resynchronised.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
  private boolean failed;

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out)
      throws ProtocolException {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      Object frame;
      while ((frame = decodeFrame(in)) != null) {
        if (frame != SKIPPED) {
          out.add(frame);
        }
      }
    } catch (ProtocolException e) {
      failed = true;
      in.skipBytes(in.readableBytes());
      throw e;
    }
  }

  /** What {@link #decodeFrame} returns for a complete frame of an unknown message type. */
  public static final Object SKIPPED = new Object();

  /**
   * Decodes the frame at the start of {@code in}: a {@code Message}, a {@link DataFrame} (holding a
   * retained slice of {@code in}), {@link #SKIPPED}, or null when the frame is not complete yet
   * (nothing consumed).
   */
  public static Object decodeFrame(ByteBuf in) throws ProtocolException {
    if (in.readableBytes() < 4) {
      return null;
    }
    long length = in.getUnsignedInt(in.readerIndex());
    if (length > Integer.MAX_VALUE) {
      throw new ProtocolException("negative frame length " + (int) length);
    }
    if (length > Limits.MAX_FRAME_LENGTH) {
      throw new ProtocolException(
          "frame length " + length + " exceeds the maximum of " + Limits.MAX_FRAME_LENGTH);
    }
    if (length == 0) {
      throw new ProtocolException("empty frame: a frame holds at least its kind byte");
    }
    if (in.readableBytes() < 4 + length) {
      return null;
    }
    in.skipBytes(4);
    int kind = in.readUnsignedByte();
    ByteBuf body = in.readSlice((int) length - 1);
    return switch (kind) {
      case FrameKind.CONTROL -> MessageCodec.decode(body).<Object>map(m -> m).orElse(SKIPPED);
      case FrameKind.DATA -> {
        if (body.readableBytes() < DataFrame.HEADER_BYTES) {
          throw new ProtocolException(
              "truncated DATA frame: "
                  + body.readableBytes()
                  + " bytes, the header alone is "
                  + DataFrame.HEADER_BYTES);
        }
        int transferId = body.readInt();
        long offset = body.readLong();
        if (offset < 0) {
          throw new ProtocolException("DATA frame offset " + offset + " is negative");
        }
        yield new DataFrame(transferId, offset, body.retainedSlice());
      }
      default -> throw new ProtocolException(String.format("unknown frame kind 0x%02x", kind));
    };
  }
}
