package p2pchat.registry;

import p2pchat.protocol.message.ErrorCode;

/** A request the registry refuses, with the code and sentence the client is sent. */
public final class RequestFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /** A refusal with {@code code}, explained by {@code text}. */
  public RequestFailedException(ErrorCode code, String text) {
    super(text, null, false, false);
    this.code = code;
  }

  /** The code sent to the client. */
  public ErrorCode code() {
    return code;
  }
}
