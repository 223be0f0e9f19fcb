package p2pchat.protocol.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import p2pchat.protocol.identity.PeerId;

/**
 * Trusts a self-signed certificate by its PeerId rather than by a certificate authority: the chain
 * must be one certificate that is currently valid, and the policy must accept its PeerId.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {
  private final PeerIdPolicy policy;

  PinningTrustManager(PeerIdPolicy policy) {
    this.policy = policy;
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the other side presented no certificate");
    }
    X509Certificate leaf = chain[0];
    leaf.checkValidity();
    try {
      leaf.verify(leaf.getPublicKey());
    } catch (Exception e) {
      throw new CertificateException("the certificate is not self-signed: " + e.getMessage(), e);
    }
    policy.check(PeerId.of(leaf));
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
