package p2pchat.protocol.message;

import java.util.Objects;
import p2pchat.protocol.Limits;

/** Messages that open, keep and refuse a connection, on every kind of connection. */
public sealed interface ConnectionMessage extends Message {
  /** The first message of a connection from the side that dialed: its protocol version. */
  record Hello(int version, String software) implements ConnectionMessage {
    public Hello {
      Checks.text(software, "software", Limits.MAX_TEXT_BYTES);
    }
  }

  /** The answer to a {@link Hello} in a version the answering side speaks. */
  record Welcome(int version, String software) implements ConnectionMessage {
    public Welcome {
      Checks.text(software, "software", Limits.MAX_TEXT_BYTES);
    }
  }

  /**
   * A refusal: the request numbered {@code requestId} failed, or (with request 0) the connection is
   * refused and about to close.
   */
  record Failure(int requestId, ErrorCode code, String text) implements ConnectionMessage {
    public Failure {
      Objects.requireNonNull(code, "code");
      Checks.text(text, "text", Limits.MAX_TEXT_BYTES);
    }
  }

  /** A heartbeat; the other side answers with a {@link Pong} carrying the same nonce. */
  record Ping(long nonce) implements ConnectionMessage {}

  /** The answer to a {@link Ping}. */
  record Pong(long nonce) implements ConnectionMessage {}
}
