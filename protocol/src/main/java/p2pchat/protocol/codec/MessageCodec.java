package p2pchat.protocol.codec;

import io.netty.buffer.ByteBuf;
import java.util.Optional;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.message.AdminMessage;
import p2pchat.protocol.message.ConnectionMessage;
import p2pchat.protocol.message.FileIndexMessage;
import p2pchat.protocol.message.FileMessage;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.PeerMessage;
import p2pchat.protocol.message.RegistryMessage;

/**
 * Encodes and decodes the body of a CONTROL frame:
 *
 * <pre>
 * +----------------+----------------------------------+
 * | type (u16, BE) | fields, in record order           |
 * +----------------+----------------------------------+
 * </pre>
 *
 * Field encodings are those of {@link WireWriter}. Type ranges: 1-9 connection messages, 10-49
 * registry messages, 50-69 registry administration, 70-99 the registry's file index, 100-199
 * peer-to-peer messages, 200-249 file transfer. A type this build does not know decodes to empty,
 * to be skipped; a known type with missing, malformed or extra bytes throws {@link
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
      case AdminMessage m -> AdminCodec.encode(m, w);
      case PeerMessage m -> PeerCodec.encode(m, w);
      case FileIndexMessage m -> FileIndexCodec.encode(m, w);
      case FileMessage m -> FileCodec.encode(m, w);
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
      // Each area owns a range of type numbers; its codec returns null for a type it does not know.
      Message message;
      if (type < 10) {
        message = ConnectionCodec.decode(type, r);
      } else if (type < 50) {
        message = RegistryCodec.decode(type, r);
      } else if (type < 70) {
        message = AdminCodec.decode(type, r);
      } else if (type < 100) {
        message = FileIndexCodec.decode(type, r);
      } else if (type < 200) {
        message = PeerCodec.decode(type, r);
      } else if (type < 250) {
        message = FileCodec.decode(type, r);
      } else {
        message = null;
      }
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
