package p2pchat.registry.store;

/** The registry's database failed; the message names the operation. */
public class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure of {@code operation} caused by {@code cause}. */
  public StoreException(String operation, Throwable cause) {
    super(operation + " failed: " + cause.getMessage(), cause);
  }

  /** A failure described by {@code message}. */
  public StoreException(String message) {
    super(message);
  }
}
