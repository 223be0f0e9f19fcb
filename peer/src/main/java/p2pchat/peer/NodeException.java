package p2pchat.peer;

/** A node could not start or carry out a command; the message is a sentence for the user. */
public final class NodeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure explained by {@code message}. */
  public NodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
