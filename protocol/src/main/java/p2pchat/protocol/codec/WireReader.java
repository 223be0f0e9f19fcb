package p2pchat.protocol.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.FileHash;

/**
 * Reads the primitive fields of a message body, checking every length against the bytes present and
 * the given maximum before allocating.
 */
public final class WireReader {
  private final ByteBuf buf;

  /** A reader over the readable bytes of {@code buf}. */
  public WireReader(ByteBuf buf) {
    this.buf = buf;
  }

  private void need(int bytes, String field) throws ProtocolException {
    if (buf.readableBytes() < bytes) {
      throw new ProtocolException(
          "truncated message: "
              + field
              + " needs "
              + bytes
              + " bytes, "
              + buf.readableBytes()
              + " left");
    }
  }

  /** An unsigned byte. */
  public int u8(String field) throws ProtocolException {
    need(1, field);
    return buf.readUnsignedByte();
  }

  /** An unsigned 16-bit big-endian integer. */
  public int u16(String field) throws ProtocolException {
    need(2, field);
    return buf.readUnsignedShort();
  }

  /** A signed 32-bit big-endian integer. */
  public int i32(String field) throws ProtocolException {
    need(4, field);
    return buf.readInt();
  }

  /** A signed 64-bit big-endian integer. */
  public long i64(String field) throws ProtocolException {
    need(8, field);
    return buf.readLong();
  }

  /** A boolean: byte 0 or 1, anything else refused. */
  public boolean bool(String field) throws ProtocolException {
    int b = u8(field);
    if (b > 1) {
      throw new ProtocolException(field + " must be 0 or 1, got " + b);
    }
    return b == 1;
  }

  /** A port number 0-65535. */
  public int port(String field) throws ProtocolException {
    return u16(field);
  }

  /** A 32-bit count that must lie in 0..max. */
  public int count(String field, int max) throws ProtocolException {
    int n = i32(field);
    if (n < 0 || n > max) {
      throw new ProtocolException(field + " count " + n + " is outside 0.." + max);
    }
    return n;
  }

  /** A UTF-8 string: u16 byte length (at most {@code maxBytes}), then the bytes. */
  public String string(String field, int maxBytes) throws ProtocolException {
    int length = u16(field + " length");
    if (length > maxBytes) {
      throw new ProtocolException(field + " is " + length + " bytes, the maximum is " + maxBytes);
    }
    need(length, field);
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(buf.nioBuffer(buf.readerIndex(), length))
              .toString();
      buf.skipBytes(length);
      return s;
    } catch (CharacterCodingException e) {
      throw new ProtocolException(field + " is not valid UTF-8");
    }
  }

  /** A byte string: u16 length (at most {@code maxBytes}), then the bytes. */
  public byte[] bytes(String field, int maxBytes) throws ProtocolException {
    int length = u16(field + " length");
    if (length > maxBytes) {
      throw new ProtocolException(field + " is " + length + " bytes, the maximum is " + maxBytes);
    }
    need(length, field);
    byte[] out = new byte[length];
    buf.readBytes(out);
    return out;
  }

  /** A PeerId: exactly 32 bytes. */
  public PeerId peerId(String field) throws ProtocolException {
    need(PeerId.BYTES, field);
    byte[] digest = new byte[PeerId.BYTES];
    buf.readBytes(digest);
    return PeerId.ofDigest(digest);
  }

  /** A SHA-256 hash: exactly 32 bytes. */
  public FileHash fileHash(String field) throws ProtocolException {
    need(FileHash.BYTES, field);
    byte[] digest = new byte[FileHash.BYTES];
    buf.readBytes(digest);
    return FileHash.of(digest);
  }

  /** An enum constant by its ordinal byte; an unknown ordinal is refused. */
  public <E extends Enum<E>> E enumByte(String field, E[] values) throws ProtocolException {
    int ordinal = u8(field);
    if (ordinal >= values.length) {
      throw new ProtocolException(field + " " + ordinal + " is not a known value");
    }
    return values[ordinal];
  }

  /** Throws when bytes remain after the last field: the message is longer than its type. */
  public void end(String messageName) throws ProtocolException {
    if (buf.isReadable()) {
      throw new ProtocolException(
          buf.readableBytes() + " unexpected bytes after the end of " + messageName);
    }
  }
}
