package p2pchat.protocol.message;

import p2pchat.protocol.Limits;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.message.PeerMessage.ChatAccept;
import p2pchat.protocol.message.PeerMessage.ChatClose;
import p2pchat.protocol.message.PeerMessage.ChatDecline;
import p2pchat.protocol.message.PeerMessage.ChatRequest;
import p2pchat.protocol.message.PeerMessage.ChatText;
import p2pchat.protocol.message.PeerMessage.Introduce;
import p2pchat.protocol.message.PeerMessage.Introduced;

/** Wire form of {@link PeerMessage}s: types 100-106. */
final class PeerCodec {
  private PeerCodec() {}

  static void encode(PeerMessage message, WireWriter w) {
    switch (message) {
      case Introduce m -> w.u16(100).string(m.name());
      case Introduced m -> w.u16(101).string(m.name());
      case ChatRequest m -> w.u16(102);
      case ChatAccept m -> w.u16(103);
      case ChatDecline m -> w.u16(104).string(m.reason());
      case ChatText m -> w.u16(105).i64(m.seq()).i64(m.sentAtMillis()).string(m.text());
      case ChatClose m -> w.u16(106);
    }
  }

  static PeerMessage decode(int type, WireReader r) throws ProtocolException {
    return switch (type) {
      case 100 -> new Introduce(r.string("name", Limits.MAX_HOST_BYTES));
      case 101 -> new Introduced(r.string("name", Limits.MAX_HOST_BYTES));
      case 102 -> new ChatRequest();
      case 103 -> new ChatAccept();
      case 104 -> new ChatDecline(r.string("reason", Limits.MAX_TEXT_BYTES));
      case 105 ->
          new ChatText(
              r.i64("seq"), r.i64("sentAtMillis"), r.string("text", Limits.MAX_CHAT_TEXT_BYTES));
      case 106 -> new ChatClose();
      default -> null; // a type of this range that this build does not know: skipped
    };
  }
}
