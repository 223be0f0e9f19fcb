package p2pchat.protocol.codec;

import p2pchat.protocol.Limits;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.message.ConnectionMessage;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ConnectionMessage.Hello;
import p2pchat.protocol.message.ConnectionMessage.Ping;
import p2pchat.protocol.message.ConnectionMessage.Pong;
import p2pchat.protocol.message.ConnectionMessage.Welcome;
import p2pchat.protocol.message.ErrorCode;

/** Wire form of {@link ConnectionMessage}s: types 1-5. */
final class ConnectionCodec {
  private ConnectionCodec() {}

  static void encode(ConnectionMessage message, WireWriter w) {
    switch (message) {
      case Hello m -> w.u16(1).i32(m.version()).string(m.software());
      case Welcome m -> w.u16(2).i32(m.version()).string(m.software());
      case Failure m -> w.u16(3).i32(m.requestId()).u16(m.code().code()).string(m.text());
      case Ping m -> w.u16(4).i64(m.nonce());
      case Pong m -> w.u16(5).i64(m.nonce());
    }
  }

  static ConnectionMessage decode(int type, WireReader r) throws ProtocolException {
    return switch (type) {
      case 1 -> new Hello(r.i32("version"), r.string("software", Limits.MAX_TEXT_BYTES));
      case 2 -> new Welcome(r.i32("version"), r.string("software", Limits.MAX_TEXT_BYTES));
      case 3 ->
          new Failure(
              r.i32("requestId"),
              ErrorCode.of(r.u16("code")),
              r.string("text", Limits.MAX_TEXT_BYTES));
      case 4 -> new Ping(r.i64("nonce"));
      case 5 -> new Pong(r.i64("nonce"));
      default -> null; // a type of this range that this build does not know: skipped
    };
  }
}
