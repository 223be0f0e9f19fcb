package p2pchat.protocol.identity;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * A profile's key pair and self-signed certificate, and the {@link PeerId} they make. Stored in a
 * folder as {@code identity.key} (PKCS#8 PEM, readable by the owner only) and {@code identity.crt}.
 */
public record Identity(PrivateKey privateKey, X509Certificate certificate, PeerId peerId) {
  /** File name of the private key inside a profile folder. */
  public static final String KEY_FILE = "identity.key";

  /** File name of the certificate inside a profile folder. */
  public static final String CERT_FILE = "identity.crt";

  /** Loads the identity stored in {@code dir}, creating the folder and a new identity if absent. */
  public static Identity loadOrCreate(Path dir) throws IOException {
    Path key = dir.resolve(KEY_FILE);
    Path cert = dir.resolve(CERT_FILE);
    if (Files.exists(key) && Files.exists(cert)) {
      return load(key, cert);
    }
    if (Files.exists(key) || Files.exists(cert)) {
      // Never replace half an identity silently: that would change this profile's PeerId.
      throw new IOException(
          "the identity in "
              + dir
              + " is incomplete: "
              + (Files.exists(key) ? cert : key)
              + " is missing; restore it, or remove both files to create a new identity");
    }
    Files.createDirectories(dir);
    Identity identity = generate("p2pchat");
    writeAtomically(key, pem("PRIVATE KEY", identity.privateKey.getEncoded()), true);
    try {
      writeAtomically(cert, pem("CERTIFICATE", identity.certificate.getEncoded()), false);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode a certificate just made", e);
    }
    return identity;
  }

  /** A fresh EC P-256 identity held in memory only (for tests and throwaway sessions). */
  public static Identity generate(String commonName) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair pair = generator.generateKeyPair();
      Instant now = Instant.now();
      X500Name subject = new X500Name("CN=" + commonName);
      var builder =
          new JcaX509v3CertificateBuilder(
              subject,
              new BigInteger(64, new SecureRandom()),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(Duration.ofDays(365L * 100))),
              subject,
              pair.getPublic());
      var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
      X509Certificate certificate =
          new JcaX509CertificateConverter().getCertificate(builder.build(signer));
      return new Identity(pair.getPrivate(), certificate, PeerId.of(certificate));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot create an EC P-256 identity", e);
    }
  }

  private static Identity load(Path keyFile, Path certFile) throws IOException {
    try {
      byte[] keyDer = readPem(keyFile, "PRIVATE KEY");
      byte[] certDer = readPem(certFile, "CERTIFICATE");
      PrivateKey key =
          KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(keyDer));
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new java.io.ByteArrayInputStream(certDer));
      return new Identity(key, certificate, PeerId.of(certificate));
    } catch (GeneralSecurityException e) {
      throw new IOException("the identity in " + keyFile.getParent() + " is damaged: " + e, e);
    }
  }

  private static byte[] readPem(Path file, String type) throws IOException {
    PemObject object;
    try (PemReader reader =
        new PemReader(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
      object = reader.readPemObject();
    } catch (IOException e) {
      // The charset's and BouncyCastle's messages do not say which file they were reading.
      throw new IOException(file + " is not a readable PEM " + type + ": " + e.getMessage(), e);
    }
    if (object == null || !object.getType().equals(type)) {
      throw new IOException(file + " does not hold a PEM " + type);
    }
    return object.getContent();
  }

  private static String pem(String type, byte[] der) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(new PemObject(type, der));
    }
    return out.toString();
  }

  private static void writeAtomically(Path file, String content, boolean secret)
      throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    if (secret) {
      // Created owner-only before the key is written, so it is never readable by others.
      try {
        Files.createFile(
            tmp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(tmp); // not POSIX (Windows): the profile folder's ACL protects the key
      }
    }
    Files.writeString(tmp, content, StandardCharsets.US_ASCII);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public String toString() {
    return "Identity[" + peerId + "]";
  }
}
