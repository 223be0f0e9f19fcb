package p2pchat.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SignatureException;
import org.junit.jupiter.api.Test;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.message.PeerMessage.Broadcast;

/** A broadcast verifies only as signed: any change of a signed field, key or certificate fails. */
class BroadcastSignatureTest {
  private static final Identity ALICE = Identity.generate("alice");
  private static final Identity MALLORY = Identity.generate("mallory");

  @Test
  void aSignedBroadcastVerifiesAndNamesItsSignersPeerId() throws SignatureException {
    Broadcast b = BroadcastSignature.sign(ALICE, "alice", 7, 1_700_000_000_000L, "hello all");

    assertThat(BroadcastSignature.verify(b)).isEqualTo(ALICE.peerId());
  }

  @Test
  void changingAnySignedFieldBreaksTheSignature() {
    Broadcast b = BroadcastSignature.sign(ALICE, "alice", 7, 1_700_000_000_000L, "hello all");

    for (Broadcast changed :
        new Broadcast[] {
          new Broadcast("bob", 7, b.sentAtMillis(), b.text(), b.certificate(), b.signature()),
          new Broadcast("alice", 8, b.sentAtMillis(), b.text(), b.certificate(), b.signature()),
          new Broadcast("alice", 7, 1, b.text(), b.certificate(), b.signature()),
          new Broadcast("alice", 7, b.sentAtMillis(), "hello all!", b.certificate(), b.signature())
        }) {
      assertThatThrownBy(() -> BroadcastSignature.verify(changed))
          .isInstanceOf(SignatureException.class)
          .hasMessage("its signature does not match its text and sender");
    }
  }

  @Test
  void anotherKeysSignatureWithTheSendersCertificateFails() {
    Broadcast forged = BroadcastSignature.sign(MALLORY, "alice", 7, 1, "send me money");
    Broadcast withAlicesCertificate =
        new Broadcast(
            "alice",
            7,
            1,
            "send me money",
            BroadcastSignature.sign(ALICE, "alice", 1, 1, "x").certificate(),
            forged.signature());

    assertThatThrownBy(() -> BroadcastSignature.verify(withAlicesCertificate))
        .isInstanceOf(SignatureException.class)
        .hasMessage("its signature does not match its text and sender");
  }

  @Test
  void garbageCertificatesAndSignaturesAreRefusedWithASentence() {
    Broadcast b = BroadcastSignature.sign(ALICE, "alice", 7, 1, "hi");

    assertThatThrownBy(
            () ->
                BroadcastSignature.verify(
                    new Broadcast("alice", 7, 1, "hi", new byte[] {1, 2, 3}, b.signature())))
        .isInstanceOf(SignatureException.class)
        .hasMessage("its certificate is not a valid X.509 certificate");
    assertThatThrownBy(
            () ->
                BroadcastSignature.verify(
                    new Broadcast("alice", 7, 1, "hi", b.certificate(), new byte[] {1, 2, 3})))
        .isInstanceOf(SignatureException.class)
        .hasMessageStartingWith("its signature ");
  }

  @Test
  void theSignedBytesStartWithTheContextSoTheyMeanNothingElse() {
    byte[] signed = BroadcastSignature.signedBytes("a", 1, 2, "t");

    assertThat(new String(signed, 2, 20, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("p2pchat-broadcast-v1");
    assertThat(signed).hasSize(2 + 20 + 2 + 1 + 8 + 8 + 2 + 1);
  }
}
