package p2pchat.peer.direct;

import java.io.IOException;

/** A direct connection could not be made or was refused; the message is a sentence. */
public final class LinkException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A failure explained by {@code message}. */
  public LinkException(String message) {
    super(message);
  }
}
