package p2pchat.registry.client;

import p2pchat.protocol.message.ErrorCode;

/**
 * A registry request failed: refused by the registry (with its code and sentence) or not answered
 * because the registry could not be reached ({@link ErrorCode#UNKNOWN}).
 */
public final class RegistryException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /** A failure with {@code code}, explained by {@code message}. */
  public RegistryException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  /** A failure to reach or talk to the registry. */
  public RegistryException(String message, Throwable cause) {
    super(message, cause);
    this.code = ErrorCode.UNKNOWN;
  }

  /** The registry's error code; {@link ErrorCode#UNKNOWN} when the registry did not answer. */
  public ErrorCode code() {
    return code;
  }
}
