package p2pchat.protocol.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.AlgorithmParameters;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityTest {
  @TempDir Path temp;

  @Test
  void createsAKeyAndACertificateInANewFolder() throws IOException {
    Path profile = temp.resolve("profiles").resolve("alice");

    Identity identity = Identity.loadOrCreate(profile);

    assertThat(profile.resolve(Identity.KEY_FILE))
        .content(StandardCharsets.US_ASCII)
        .startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(profile.resolve(Identity.CERT_FILE))
        .content(StandardCharsets.US_ASCII)
        .startsWith("-----BEGIN CERTIFICATE-----");
    try (var files = Files.list(profile)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(Identity.KEY_FILE, Identity.CERT_FILE);
    }
    assertThat(identity.peerId()).isEqualTo(PeerId.of(identity.certificate()));
  }

  @Test
  void theKeyFileIsReadableByItsOwnerOnly() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));

    Identity.loadOrCreate(temp);

    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(temp.resolve("identity.key"))))
        .isEqualTo("rw-------");
  }

  @Test
  void loadsTheSameIdentityAgain() throws Exception {
    Identity created = Identity.loadOrCreate(temp);

    Identity loaded = Identity.loadOrCreate(temp);

    assertThat(loaded.peerId()).isEqualTo(created.peerId());
    assertThat(loaded.certificate()).isEqualTo(created.certificate());
    assertThat(loaded.privateKey().getEncoded()).isEqualTo(created.privateKey().getEncoded());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", // emptied
        "not a key at all\n",
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", // not PKCS#8
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", // the wrong PEM
        "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49\n", // cut short
        "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n", // not base64
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n\u00e9" // not ASCII
      })
  void aDamagedKeyFileIsAnIOExceptionNamingTheFolder(String damaged) throws IOException {
    Identity.loadOrCreate(temp);
    Files.writeString(temp.resolve(Identity.KEY_FILE), damaged, StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Identity.loadOrCreate(temp))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(temp.toString());
  }

  @Test
  void aDamagedCertificateFileIsAnIOExceptionNamingTheFolder() throws IOException {
    Identity.loadOrCreate(temp);
    Files.writeString(
        temp.resolve(Identity.CERT_FILE),
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> Identity.loadOrCreate(temp))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("the identity in " + temp + " is damaged: ");
  }

  @Test
  void theCertificateIsASelfSignedEcP256Certificate() throws Exception {
    Identity identity = Identity.loadOrCreate(temp);
    var certificate = identity.certificate();

    AlgorithmParameters p256 = AlgorithmParameters.getInstance("EC");
    p256.init(new ECGenParameterSpec("secp256r1"));
    ECParameterSpec expected = p256.getParameterSpec(ECParameterSpec.class);
    ECParameterSpec actual = ((ECPublicKey) certificate.getPublicKey()).getParams();
    assertThat(actual.getCurve()).isEqualTo(expected.getCurve());
    assertThat(actual.getGenerator()).isEqualTo(expected.getGenerator());
    assertThat(actual.getOrder()).isEqualTo(expected.getOrder());

    assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(certificate.getSubjectX500Principal())
        .isEqualTo(certificate.getIssuerX500Principal());
    certificate.verify(certificate.getPublicKey());
    certificate.checkValidity();
  }

  @Test
  void theKeyBelongsToTheCertificate() throws Exception {
    Identity identity = Identity.loadOrCreate(temp);
    byte[] data = "p2pchat".getBytes(StandardCharsets.US_ASCII);

    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(identity.privateKey());
    signer.update(data);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(identity.certificate());
    verifier.update(data);

    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void toStringShowsThePeerIdAndNotTheKey() {
    Identity identity = Identity.generate("x");

    assertThat(identity).hasToString("Identity[" + identity.peerId() + "]");
  }
}
