package p2pchat.peer.share;

import p2pchat.protocol.message.ErrorCode;

/** A request for a shared file is refused; the code travels, the message is a sentence. */
public final class AccessRefused extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /** A refusal with {@code code} saying {@code message}. */
  public AccessRefused(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  /** What kind of refusal, as sent to the requester. */
  public ErrorCode code() {
    return code;
  }
}
