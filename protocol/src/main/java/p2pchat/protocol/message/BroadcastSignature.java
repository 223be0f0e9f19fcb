package p2pchat.protocol.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import p2pchat.protocol.codec.WireWriter;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.PeerMessage.Broadcast;

/**
 * How a {@link Broadcast} is signed and checked. The signed bytes are, in the field encodings of
 * {@link WireWriter}:
 *
 * <pre>
 * string "p2pchat-broadcast-v1" | string sender | i64 broadcastId | i64 sentAtMillis | string text
 * </pre>
 *
 * signed with SHA256withECDSA (a DER signature) by the sender's identity key, whose certificate
 * travels along. The leading context string keeps a broadcast signature from being valid for
 * anything else.
 */
public final class BroadcastSignature {
  /** The algorithm of broadcast signatures. */
  public static final String ALGORITHM = "SHA256withECDSA";

  private static final String CONTEXT = "p2pchat-broadcast-v1";

  private BroadcastSignature() {}

  /** The bytes a broadcast's signature covers. */
  public static byte[] signedBytes(
      String sender, long broadcastId, long sentAtMillis, String text) {
    ByteBuf buf = Unpooled.buffer();
    try {
      new WireWriter(buf)
          .string(CONTEXT)
          .string(sender)
          .i64(broadcastId)
          .i64(sentAtMillis)
          .string(text);
      return ByteBufUtil.getBytes(buf);
    } finally {
      buf.release();
    }
  }

  /** A broadcast from {@code sender}, signed with {@code identity}'s key. */
  public static Broadcast sign(
      Identity identity, String sender, long broadcastId, long sentAtMillis, String text) {
    try {
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(identity.privateKey());
      signer.update(signedBytes(sender, broadcastId, sentAtMillis, text));
      return new Broadcast(
          sender,
          broadcastId,
          sentAtMillis,
          text,
          identity.certificate().getEncoded(),
          signer.sign());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode this profile's certificate", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with this profile's key", e);
    }
  }

  /**
   * Checks that {@code broadcast}'s signature is valid for its certificate's EC P-256 key and
   * returns that certificate's PeerId (whether it is the sender's is for the caller to check);
   * throws with a sentence when the certificate or the signature is bad.
   */
  public static PeerId verify(Broadcast broadcast) throws SignatureException {
    X509Certificate certificate;
    try {
      certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(broadcast.certificate()));
    } catch (CertificateException | ClassCastException e) {
      throw new SignatureException("its certificate is not a valid X.509 certificate", e);
    }
    if (!(certificate.getPublicKey() instanceof ECPublicKey key)
        || key.getParams().getCurve().getField().getFieldSize() != 256) {
      throw new SignatureException("its certificate does not hold an EC P-256 key");
    }
    boolean valid;
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(key);
      verifier.update(
          signedBytes(
              broadcast.sender(),
              broadcast.broadcastId(),
              broadcast.sentAtMillis(),
              broadcast.text()));
      valid = verifier.verify(broadcast.signature());
    } catch (SignatureException e) {
      throw new SignatureException("its signature is malformed", e);
    } catch (GeneralSecurityException e) {
      throw new SignatureException("its signature cannot be checked: " + e.getMessage(), e);
    }
    if (!valid) {
      throw new SignatureException("its signature does not match its text and sender");
    }
    return PeerId.of(certificate);
  }
}
