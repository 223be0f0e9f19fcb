package p2pchat.protocol.message;

import io.netty.buffer.ByteBuf;
import java.util.Optional;
import p2pchat.protocol.ProtocolException;

/**
 * Encodes and decodes the body of a CONTROL frame:
 *
 * <pre>
 * +----------------+----------------------------------+
 * | type (u16, BE) | fields, in record order           |
 * +----------------+----------------------------------+
 * </pre>
 *
 * Field encodings are those of {@link WireWriter}. Types 1-9 are connection messages, 10-49
 * registry messages, 100-119 peer-to-peer chat messages. A type this build does not know decodes to
 * empty, to be skipped; a known type with missing, malformed or extra bytes throws {@link
 * ProtocolException}.
 */
public final class MessageCodec {
  private MessageCodec() {}

  /** Appends the type and fields of {@code message} to {@code out}. */
  public static void encode(Message message, ByteBuf out) {
    WireWriter w = new WireWriter(out);
    switch (message) {
      case ConnectionMessage m -> ConnectionCodec.encode(m, w);
      case RegistryMessage m -> RegistryCodec.encode(m, w);
      case PeerMessage m -> PeerCodec.encode(m, w);
    }
  }

  /**
   * Decodes one message from all readable bytes of {@code body}; empty for a type this build does
   * not know.
   */
  public static Optional<Message> decode(ByteBuf body) throws ProtocolException {
    WireReader r = new WireReader(body);
    int type = r.u16("message type");
    try {
      Message message =
          switch (type) {
            case 1, 2, 3, 4, 5 -> ConnectionCodec.decode(type, r);
            case 10, 11, 12, 13, 14, 15, 16, 20, 21, 22, 23, 24, 25 ->
                RegistryCodec.decode(type, r);
            case 100, 101, 102, 103, 104, 105, 106 -> PeerCodec.decode(type, r);
            default -> null;
          };
      if (message == null) {
        body.skipBytes(body.readableBytes());
        return Optional.empty();
      }
      r.end(message.getClass().getSimpleName());
      return Optional.of(message);
    } catch (IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
      // A record's own checks refused the decoded fields.
      throw new ProtocolException("message type " + type + ": " + e.getMessage());
    }
  }
}
