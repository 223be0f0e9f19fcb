package p2pchat.protocol.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.function.Consumer;
import p2pchat.protocol.codec.WireWriter;
import p2pchat.protocol.frame.FrameKind;

/** Raw frames built field by field, for feeding a decoder what no encoder would write. */
public final class Frames {
  private Frames() {}

  /** A frame of {@code kind} around {@code body}: length prefix, kind byte, body. */
  public static ByteBuf frame(int kind, byte[] body) {
    return Unpooled.buffer(5 + body.length)
        .writeInt(1 + body.length)
        .writeByte(kind)
        .writeBytes(body);
  }

  /** A CONTROL frame whose body {@code fields} writes (type first). */
  public static ByteBuf control(Consumer<WireWriter> fields) {
    return frame(FrameKind.CONTROL, body(fields));
  }

  /** The bytes {@code fields} writes. */
  public static byte[] body(Consumer<WireWriter> fields) {
    ByteBuf buf = Unpooled.buffer();
    fields.accept(new WireWriter(buf));
    return ByteBufUtil.getBytes(buf);
  }

  /** The readable bytes of {@code buf}, which is released. */
  public static byte[] drain(ByteBuf buf) {
    try {
      return ByteBufUtil.getBytes(buf);
    } finally {
      buf.release();
    }
  }
}
