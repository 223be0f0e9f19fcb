package p2pchat.protocol.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;

/**
 * Builds TLS 1.3 contexts from an {@link Identity}: mutual authentication with self-signed
 * certificates, trusted by PeerId. BoringSSL (netty-tcnative) is used when it loads, the JDK's
 * engine otherwise.
 */
public final class TlsContexts {
  private static final String TLS_13 = "TLSv1.3";

  private TlsContexts() {}

  /** The provider in use: OPENSSL when BoringSSL loaded, JDK otherwise. */
  public static SslProvider provider() {
    return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
  }

  /** A server context that requires a client certificate and accepts those {@code policy} does. */
  public static SslContext server(Identity identity, PeerIdPolicy policy) throws SSLException {
    return SslContextBuilder.forServer(identity.privateKey(), identity.certificate())
        .sslProvider(provider())
        .protocols(TLS_13)
        .clientAuth(ClientAuth.REQUIRE)
        .trustManager(new PinningTrustManager(policy))
        .build();
  }

  /** A client context that presents {@code identity} and accepts servers {@code policy} does. */
  public static SslContext client(Identity identity, PeerIdPolicy policy) throws SSLException {
    return SslContextBuilder.forClient()
        .sslProvider(provider())
        .protocols(TLS_13)
        .keyManager(identity.privateKey(), identity.certificate())
        .trustManager(new PinningTrustManager(policy))
        .build();
  }

  /** The PeerId the other side of a completed handshake presented, if it presented one. */
  public static Optional<PeerId> remotePeerId(SslHandler handler) {
    try {
      var certificates = handler.engine().getSession().getPeerCertificates();
      if (certificates.length > 0 && certificates[0] instanceof X509Certificate x509) {
        return Optional.of(PeerId.of(x509));
      }
      return Optional.empty();
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }
}
