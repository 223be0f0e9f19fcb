package p2pchat.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.FileHash;

/** Writes the primitive fields of a message body; the counterpart of {@link WireReader}. */
public final class WireWriter {
  private final ByteBuf buf;

  /** A writer appending to {@code buf}. */
  public WireWriter(ByteBuf buf) {
    this.buf = buf;
  }

  /** An unsigned byte. */
  public WireWriter u8(int value) {
    buf.writeByte(value);
    return this;
  }

  /** An unsigned 16-bit big-endian integer. */
  public WireWriter u16(int value) {
    buf.writeShort(value);
    return this;
  }

  /** A signed 32-bit big-endian integer. */
  public WireWriter i32(int value) {
    buf.writeInt(value);
    return this;
  }

  /** A signed 64-bit big-endian integer. */
  public WireWriter i64(long value) {
    buf.writeLong(value);
    return this;
  }

  /** A boolean as byte 0 or 1. */
  public WireWriter bool(boolean value) {
    buf.writeByte(value ? 1 : 0);
    return this;
  }

  /** A UTF-8 string with a u16 byte-length prefix. */
  public WireWriter string(String value) {
    int lengthIndex = buf.writerIndex();
    buf.writeShort(0);
    int length = ByteBufUtil.writeUtf8(buf, value);
    if (length > 0xffff) {
      throw new IllegalArgumentException("string of " + length + " bytes is too long for the wire");
    }
    buf.setShort(lengthIndex, length);
    return this;
  }

  /** A byte string with a u16 length prefix. */
  public WireWriter bytes(byte[] value) {
    buf.writeShort(value.length);
    buf.writeBytes(value);
    return this;
  }

  /** A PeerId as its 32 raw bytes. */
  public WireWriter peerId(PeerId value) {
    buf.writeBytes(value.bytes());
    return this;
  }

  /** A SHA-256 hash as its 32 raw bytes. */
  public WireWriter fileHash(FileHash value) {
    buf.writeBytes(value.bytes());
    return this;
  }

  /** An enum constant as its ordinal byte. */
  public WireWriter enumByte(Enum<?> value) {
    buf.writeByte(value.ordinal());
    return this;
  }
}
