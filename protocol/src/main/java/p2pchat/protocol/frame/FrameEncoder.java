package p2pchat.protocol.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;
import p2pchat.protocol.Limits;
import p2pchat.protocol.codec.MessageCodec;
import p2pchat.protocol.message.Message;

/**
 * Writes {@code Message}s as CONTROL frames and {@link DataFrame}s as DATA frames (the layout is
 * drawn in {@link FrameDecoder}). A DATA payload is passed on as it is, never copied.
 */
@Sharable
public final class FrameEncoder extends MessageToMessageEncoder<Object> {
  /** The one instance; the encoder holds no state. */
  public static final FrameEncoder INSTANCE = new FrameEncoder();

  private FrameEncoder() {}

  @Override
  public boolean acceptOutboundMessage(Object msg) {
    return msg instanceof Message || msg instanceof DataFrame;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
    switch (msg) {
      case Message message -> out.add(encode(message, ctx.alloc()));
      case DataFrame data -> {
        int length = 1 + DataFrame.HEADER_BYTES + data.payload().readableBytes();
        if (length > Limits.MAX_FRAME_LENGTH) {
          data.release(); // the write owned the payload, and Netty cannot release a DataFrame
          checkLength(length);
        }
        ByteBuf header = ctx.alloc().buffer(4 + 1 + DataFrame.HEADER_BYTES);
        header.writeInt(length).writeByte(FrameKind.DATA);
        header.writeInt(data.transferId()).writeLong(data.offset());
        out.add(header);
        out.add(data.payload()); // ownership passes on; DataFrame is not released by Netty
      }
      default -> throw new IllegalStateException("not a frame: " + msg.getClass());
    }
  }

  /** One CONTROL frame holding {@code message}, length prefix included. */
  public static ByteBuf encode(Message message, ByteBufAllocator alloc) {
    ByteBuf buf = alloc.buffer();
    buf.writeInt(0).writeByte(FrameKind.CONTROL);
    MessageCodec.encode(message, buf);
    int length = buf.readableBytes() - 4;
    if (length > Limits.MAX_FRAME_LENGTH) {
      buf.release();
      checkLength(length);
    }
    buf.setInt(0, length);
    return buf;
  }

  private static void checkLength(int length) {
    if (length > Limits.MAX_FRAME_LENGTH) {
      throw new IllegalArgumentException(
          "frame of " + length + " bytes exceeds the maximum of " + Limits.MAX_FRAME_LENGTH);
    }
  }
}
