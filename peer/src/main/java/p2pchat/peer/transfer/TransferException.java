package p2pchat.peer.transfer;

import p2pchat.protocol.message.ErrorCode;

/** A transfer step failed; the message is a sentence, the code what the source said (if any). */
public final class TransferException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /** A failure with no code from the other side. */
  public TransferException(String message) {
    this(ErrorCode.UNKNOWN, message);
  }

  /** A failure the source reported with {@code code}. */
  public TransferException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  /** What the source said, or {@link ErrorCode#UNKNOWN}. */
  public ErrorCode code() {
    return code;
  }
}
