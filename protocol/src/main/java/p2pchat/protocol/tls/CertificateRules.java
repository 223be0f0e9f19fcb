package p2pchat.protocol.tls;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;

/**
 * The identity rules a presented certificate must meet before its PeerId counts: one certificate,
 * an EC P-256 key, signed by that key itself (no certificate authority), valid today. Each refusal
 * is a sentence that says which rule.
 */
final class CertificateRules {
  private static final ECParameterSpec P256 = p256();

  private CertificateRules() {}

  /** Returns the one certificate of {@code chain} if it meets the rules; throws saying why not. */
  static X509Certificate check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the other side presented no certificate");
    }
    if (chain.length > 1) {
      throw new CertificateException(
          "the other side presented a chain of "
              + chain.length
              + " certificates; a peer presents its own self-signed certificate alone");
    }
    X509Certificate leaf = chain[0];
    PublicKey key = leaf.getPublicKey();
    if (!isP256(key)) {
      throw new CertificateException(
          "the other side's certificate has "
              + describe(key)
              + " key; the protocol requires EC P-256");
    }
    if (!leaf.getIssuerX500Principal().equals(leaf.getSubjectX500Principal())) {
      throw new CertificateException(
          "the other side's certificate is issued by "
              + leaf.getIssuerX500Principal().getName()
              + ", not self-signed; peers are trusted by the PeerId of a self-signed"
              + " certificate, never through a certificate authority");
    }
    try {
      leaf.verify(key);
    } catch (GeneralSecurityException e) {
      throw new CertificateException(
          "the other side's certificate is not signed by its own key (not self-signed): "
              + e.getMessage(),
          e);
    }
    leaf.checkValidity();
    return leaf;
  }

  private static boolean isP256(PublicKey key) {
    if (!(key instanceof ECPublicKey ec)) {
      return false;
    }
    ECParameterSpec params = ec.getParams();
    return params.getCurve().equals(P256.getCurve())
        && params.getGenerator().equals(P256.getGenerator())
        && params.getOrder().equals(P256.getOrder())
        && params.getCofactor() == P256.getCofactor();
  }

  private static String describe(PublicKey key) {
    if (key instanceof java.security.interfaces.RSAKey rsa) {
      return "an RSA " + rsa.getModulus().bitLength() + "-bit";
    }
    if (key instanceof ECPublicKey ec) {
      return "an EC " + ec.getParams().getCurve().getField().getFieldSize() + "-bit (not P-256)";
    }
    return "a " + key.getAlgorithm();
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec("secp256r1"));
      return params.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no EC P-256", e);
    }
  }
}
