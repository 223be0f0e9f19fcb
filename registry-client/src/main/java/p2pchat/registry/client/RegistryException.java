package p2pchat.registry.client;

import p2pchat.protocol.message.ErrorCode;

/**
 * A registry request failed: refused by the registry (with its code and sentence) or not answered
 * because the registry could not be reached ({@link ErrorCode#UNKNOWN}).
 */
public final class RegistryException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final boolean keyChanged;

  /** A failure with {@code code}, explained by {@code message}. */
  public RegistryException(ErrorCode code, String message) {
    super(message);
    this.code = code;
    this.keyChanged = false;
  }

  /** A failure to reach or talk to the registry. */
  public RegistryException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private RegistryException(String message, Throwable cause, boolean keyChanged) {
    super(message, cause);
    this.code = ErrorCode.UNKNOWN;
    this.keyChanged = keyChanged;
  }

  /**
   * The registry at the address presented another key than the one pinned for it, so the connection
   * was refused; {@code message} says which and what to do.
   */
  static RegistryException keyChanged(String message, Throwable cause) {
    return new RegistryException(message, cause, true);
  }

  /**
   * Whether the connection was refused because the registry presented another key than the pinned
   * one (an impostor, or a registry whose key was replaced): trying again soon will not help.
   */
  public boolean keyChanged() {
    return keyChanged;
  }

  /** The registry's error code; {@link ErrorCode#UNKNOWN} when the registry did not answer. */
  public ErrorCode code() {
    return code;
  }
}
