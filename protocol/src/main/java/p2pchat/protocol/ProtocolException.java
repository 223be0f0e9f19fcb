package p2pchat.protocol;

import java.io.IOException;

/**
 * The other side broke the wire protocol: a frame or message that cannot be decoded. The connection
 * it came on is closed; the message says exactly what was wrong.
 */
public class ProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A violation described by {@code message}, e.g. "frame length 1048577 exceeds 1048576". */
  public ProtocolException(String message) {
    super(message);
  }
}
