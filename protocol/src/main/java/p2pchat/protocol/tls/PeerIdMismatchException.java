package p2pchat.protocol.tls;

import java.security.cert.CertificateException;
import p2pchat.protocol.identity.PeerId;

/** The other side of a TLS handshake presented a certificate other than the pinned one. */
public final class PeerIdMismatchException extends CertificateException {
  private static final long serialVersionUID = 1L;

  private final transient PeerId expected;
  private final transient PeerId presented;

  /** A mismatch between the pinned {@code expected} and the {@code presented} PeerId. */
  public PeerIdMismatchException(PeerId expected, PeerId presented) {
    super("expected PeerId " + expected + " but the other side presented " + presented);
    this.expected = expected;
    this.presented = presented;
  }

  /** The PeerId that was pinned. */
  public PeerId expected() {
    return expected;
  }

  /** The PeerId the other side presented. */
  public PeerId presented() {
    return presented;
  }
}
