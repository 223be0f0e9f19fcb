package p2pchat.protocol.message;

/** Why a request failed or a connection was refused; the number is what travels. */
public enum ErrorCode {
  /** A code this build does not know (sent by a newer peer). */
  UNKNOWN(0),
  /** A frame or message broke the protocol; the connection is closed. */
  PROTOCOL_ERROR(1),
  /** The other side speaks a protocol version this build does not. */
  UNSUPPORTED_VERSION(2),
  /** The request needs a logged-in session. */
  NOT_LOGGED_IN(10),
  /** The session is already logged in. */
  ALREADY_LOGGED_IN(11),
  /** The request needs an admin login; chat accounts can never make it. */
  FORBIDDEN(12),
  /** A user name outside the rules (1-32 of letters, digits, _ - .). */
  INVALID_NAME(20),
  /** The user name is taken (names are compared case-insensitively). */
  NAME_TAKEN(21),
  /** A password outside the rules (length). */
  INVALID_PASSWORD(22),
  /** No account has that name. */
  UNKNOWN_USER(23),
  /** The password does not match the account. */
  WRONG_PASSWORD(24),
  /** The account is banned; the text gives the reason. */
  BANNED(25),
  /** Too many attempts or requests; the message says when to retry. */
  SLOW_DOWN(30),
  /** The user exists but is not online (or is invisible). */
  USER_OFFLINE(40),
  /** The PeerId presented is not one the registry holds for the name claimed. */
  IDENTITY_MISMATCH(50),
  /** No shared file has that path or hash (or it is gone from disk). */
  NO_SUCH_FILE(60),
  /** The path breaks the rules or leaves the shared folders; the serving side logs who asked. */
  PATH_REFUSED(61),
  /** The file changed since it was indexed; ask again once the owner has indexed it again. */
  FILE_CHANGED(62),
  /** More shared files than the registry keeps for one user. */
  TOO_MANY_FILES(63),
  /** The serving side has as many transfers open as it allows; try again later. */
  BUSY(64),
  /** The registry failed to handle a valid request; it is logged there. */
  INTERNAL_ERROR(99);

  private final int code;

  ErrorCode(int code) {
    this.code = code;
  }

  /** The number that travels on the wire. */
  public int code() {
    return code;
  }

  /** The constant for a wire number; {@link #UNKNOWN} for numbers this build does not know. */
  public static ErrorCode of(int code) {
    for (ErrorCode value : values()) {
      if (value.code == code) {
        return value;
      }
    }
    return UNKNOWN;
  }
}
