package p2pchat.peer.net;

import java.io.IOException;
import java.util.Objects;

/**
 * A link could not be made or was refused: {@link #reason()} says which way, for a caller that
 * branches on it; the message is a sentence for the user.
 */
public final class LinkException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why a link could not be made. */
  public enum Reason {
    /** No connection: the address did not answer, or TLS failed. */
    UNREACHABLE,
    /** The peer there presented another PeerId than the one expected for the user. */
    WRONG_PEER_ID,
    /** The peer there introduced itself as another user. */
    WRONG_USER,
    /** The other side refused the connection, or closed it before the link was up. */
    REFUSED,
    /** The user is not online. */
    OFFLINE,
    /** There is no such user (or friend). */
    UNKNOWN_USER,
    /** Who the user is could not be found out or checked (the registry failed, say). */
    UNAVAILABLE
  }

  private final Reason reason;

  /** A failure for {@code reason}, explained by {@code message}. */
  public LinkException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** A refusal explained by {@code message} ({@link Reason#REFUSED}). */
  public LinkException(String message) {
    this(Reason.REFUSED, message);
  }

  /** Why the link could not be made. */
  public Reason reason() {
    return reason;
  }
}
