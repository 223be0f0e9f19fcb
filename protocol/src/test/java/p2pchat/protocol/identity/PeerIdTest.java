package p2pchat.protocol.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PeerIdTest {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final Identity IDENTITY = Identity.generate("peer-id-test");
  private final PeerId id = IDENTITY.peerId();

  @Test
  void isShownAsEightGroupsOfSevenCharacters() {
    assertThat(id.toString()).matches("[A-Z2-7]{7}(-[A-Z2-7]{7}){7}");
    assertThat(id.shortForm()).isEqualTo(id.toString().substring(0, 7));
  }

  @Test
  void parsesWhatItShows() {
    assertThat(PeerId.parse(id.toString())).isEqualTo(id).hasSameHashCodeAs(id);
  }

  @Test
  void parsesLowercaseWithoutDashesOrWithSpaces() {
    String shown = id.toString();

    assertThat(PeerId.parse(shown.toLowerCase(Locale.ROOT))).isEqualTo(id);
    assertThat(PeerId.parse(shown.replace("-", ""))).isEqualTo(id);
    assertThat(PeerId.parse(shown.replace('-', ' '))).isEqualTo(id);
  }

  @Test
  void readsAndWritesSyncthingDeviceIds() {
    // From syncthing lib/protocol/deviceid_test.go: the same base32 and Luhn layout.
    String syncthing = "P56IOI7-MZJNU2Y-IQGDREY-DM2MGTI-MGL3BXN-PQ6W5BM-TBBZ4TJ-XZWICQ2";

    assertThat(PeerId.parse(syncthing).toString()).isEqualTo(syncthing);
  }

  @Test
  void everySingleCharacterTypoIsCaught() {
    String compact = id.toString().replace("-", "");
    for (int i = 0; i < compact.length(); i++) {
      for (char c : ALPHABET.toCharArray()) {
        if (c == compact.charAt(i)) {
          continue;
        }
        String typo = compact.substring(0, i) + c + compact.substring(i + 1);
        assertThatThrownBy(() -> PeerId.parse(typo))
            .as("%s with position %d changed to %s", compact, i, c)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("PeerId check character mismatch (a typo?): " + typo);
      }
    }
  }

  @Test
  void aWrongLengthIsRefused() {
    String shown = id.toString();

    assertThatThrownBy(() -> PeerId.parse(shown.substring(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a PeerId has 56 characters besides dashes, got 55: " + shown.substring(1));
    assertThatThrownBy(() -> PeerId.parse(shown + "A"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a PeerId has 56 characters besides dashes, got 57: ");
    assertThatThrownBy(() -> PeerId.parse(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a PeerId has 56 characters besides dashes, got 0: ");
  }

  @Test
  void aCharacterOutsideTheAlphabetIsRefused() {
    String typo = "1" + id.toString().substring(1);

    assertThatThrownBy(() -> PeerId.parse(typo))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'1' is not a PeerId character: " + typo);
  }

  @Test
  void hexIsTheSha256OfTheCertificate() throws Exception {
    byte[] sha256 =
        MessageDigest.getInstance("SHA-256").digest(IDENTITY.certificate().getEncoded());

    assertThat(id.hex()).hasSize(64).matches("[0-9a-f]{64}");
    assertThat(id.hex()).isEqualTo(HexFormat.of().formatHex(sha256));
    assertThat(id.bytes()).isEqualTo(sha256);
    assertThat(PeerId.ofDigest(sha256)).isEqualTo(id);
  }

  @Test
  void holdsItsOwnCopyOfTheDigest() {
    byte[] digest = new byte[PeerId.BYTES];
    PeerId zeros = PeerId.ofDigest(digest);
    digest[0] = 1;
    zeros.bytes()[1] = 1;

    assertThat(zeros.bytes()).isEqualTo(new byte[PeerId.BYTES]);
  }

  @Test
  void aDigestOfAnotherLengthIsRefused() {
    assertThatThrownBy(() -> PeerId.ofDigest(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a PeerId is 32 bytes, got 31");
  }

  @Test
  void differentCertificatesHaveDifferentIds() {
    assertThat(Identity.generate("other").peerId()).isNotEqualTo(id);
  }
}
