package p2pchat.protocol.tls;

import java.security.cert.CertificateException;
import p2pchat.protocol.identity.PeerId;

/** Decides, during the TLS handshake, whether the other side's PeerId is acceptable. */
@FunctionalInterface
public interface PeerIdPolicy {
  /** Returns normally to accept {@code presented}; throws with a sentence saying why not. */
  void check(PeerId presented) throws CertificateException;

  /**
   * Accepts any certificate; the caller checks the PeerId after the handshake (registry logins,
   * trust on first use).
   */
  static PeerIdPolicy any() {
    return presented -> {};
  }

  /** Accepts only {@code expected}: the handshake fails when the other side presents another. */
  static PeerIdPolicy pinned(PeerId expected) {
    return presented -> {
      if (!presented.equals(expected)) {
        throw new PeerIdMismatchException(expected, presented);
      }
    };
  }
}
