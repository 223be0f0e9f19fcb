package p2pchat.protocol.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslCertificateException;
import io.netty.internal.tcnative.CertificateVerifier;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import p2pchat.protocol.identity.PeerId;

/**
 * Trusts a self-signed certificate by its PeerId rather than by a certificate authority: the chain
 * must meet {@link CertificateRules} (one EC P-256 certificate, self-signed, valid now), and the
 * policy must accept its PeerId. A refusal says why, to this side in the handshake's exception and
 * to the other side as a bad_certificate (or certificate_unknown) alert.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {
  private final PeerIdPolicy policy;

  PinningTrustManager(PeerIdPolicy policy) {
    this.policy = policy;
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    try {
      policy.check(PeerId.of(CertificateRules.check(chain)));
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw e; // BoringSSL turns these into their own alerts already
    } catch (CertificateException e) {
      throw rejected(e);
    }
  }

  /**
   * {@code e} as BoringSSL's "certificate rejected", which goes out as a bad_certificate alert: any
   * other exception would reach the other side as internal_error. The JDK's engine sends
   * certificate_unknown for any. {@code e} stays the cause, so that callers find it.
   */
  private static CertificateException rejected(CertificateException e) {
    int code = OpenSsl.isAvailable() ? CertificateVerifier.X509_V_ERR_CERT_REJECTED : 0;
    return new OpenSslCertificateException(e.getMessage(), e, code);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
