package p2pchat.peer.share;

/** A folder cannot be shared; the message is a sentence for the user. */
public final class ShareException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A refusal saying {@code message}. */
  public ShareException(String message) {
    super(message);
  }
}
