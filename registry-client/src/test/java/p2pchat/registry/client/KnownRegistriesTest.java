package p2pchat.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;

class KnownRegistriesTest {
  @TempDir Path dir;

  private final PeerId first = Identity.generate("r1").peerId();
  private final PeerId second = Identity.generate("r2").peerId();

  @Test
  void pinsOnFirstUseAndAcceptsTheSameIdAgain() throws Exception {
    KnownRegistries known = new KnownRegistries(dir.resolve(KnownRegistries.FILE_NAME));
    known.policyFor("reg.example:7777").check(first);
    known.policyFor("reg.example:7777").check(first);
    assertThat(
            new KnownRegistries(dir.resolve(KnownRegistries.FILE_NAME)).pinned("reg.example:7777"))
        .contains(first);
  }

  @Test
  void refusesAChangedIdWithASentence() throws Exception {
    KnownRegistries known = new KnownRegistries(dir.resolve(KnownRegistries.FILE_NAME));
    known.policyFor("reg.example:7777").check(first);
    assertThatThrownBy(() -> known.policyFor("reg.example:7777").check(second))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("presented PeerId " + second)
        .hasMessageContaining("pins " + first)
        .hasMessageContaining("delete that line");
    assertThat(known.pinned("reg.example:7777")).contains(first);
  }

  @Test
  void keepsOnePinPerRegistry() throws Exception {
    KnownRegistries known = new KnownRegistries(dir.resolve(KnownRegistries.FILE_NAME));
    known.policyFor("a:1").check(first);
    known.policyFor("b:2").check(second);
    assertThat(known.pinned("a:1")).contains(first);
    assertThat(known.pinned("b:2")).contains(second);
    assertThat(known.pinned("c:3")).isEmpty();
  }

  @Test
  void anotherSpellingOfAPinnedRegistryMustPresentThePinnedKey() throws Exception {
    KnownRegistries known = new KnownRegistries(dir.resolve(KnownRegistries.FILE_NAME));
    known.policyFor("localhost:7790").check(first);
    assertThatThrownBy(() -> known.policyFor("127.0.0.1:7790").check(second))
        .isInstanceOf(CertificateException.class)
        .hasMessageStartingWith("the registry at 127.0.0.1:7790 presents another key")
        .hasMessageContaining("presented PeerId " + second)
        .hasMessageContaining("pins " + first + " for it")
        .hasMessageContaining("refusing to connect");
    known.policyFor("127.0.0.1:7790").check(first);
    assertThat(known.pinned("127.0.0.1:7790")).contains(first);
  }

  @Test
  void aNameLeadingToAPinnedAddressMustPresentThePinnedKey() throws Exception {
    KnownRegistries known = new KnownRegistries(dir.resolve(KnownRegistries.FILE_NAME));
    known.policyFor("127.0.0.1:7790").check(first);
    assertThatThrownBy(() -> known.policyFor("localhost:7790").check(second))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("pins " + first + " for 127.0.0.1:7790, the address localhost:7790")
        .hasMessageContaining("refusing to connect");
    assertThat(known.pinned("localhost:7790")).isEmpty();
  }

  @Test
  void aFileThatPinsOnlyTheSpellingStillHoldsTheAddressToIt() throws Exception {
    Path file = dir.resolve(KnownRegistries.FILE_NAME);
    Files.writeString(file, "localhost:7790 " + first + "\n"); // as written before the IP lines
    KnownRegistries known = new KnownRegistries(file);
    assertThatThrownBy(() -> known.policyFor("127.0.0.1:7790").check(second))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining(
            "pins "
                + first
                + " for localhost:7790, which leads to the same address 127.0.0.1:7790");
    List<String> told = new ArrayList<>();
    known.policyFor(new InetSocketAddress("127.0.0.1", 7790), told::add).check(first);
    assertThat(told).isEmpty(); // not a first use: the registry was known by another name
  }

  @Test
  void aFirstUseIsToldOnceWithWhatWasPinned() throws Exception {
    KnownRegistries known = new KnownRegistries(dir.resolve(KnownRegistries.FILE_NAME));
    List<String> told = new ArrayList<>();
    known.policyFor(new InetSocketAddress("localhost", 7790), told::add).check(first);
    assertThat(told)
        .singleElement()
        .asString()
        .startsWith("first connection to the registry at localhost:7790 (127.0.0.1:7790)")
        .contains("pinned its PeerId " + first);
    known.policyFor(new InetSocketAddress("localhost", 7790), told::add).check(first);
    known.policyFor(new InetSocketAddress("127.0.0.1", 7790), told::add).check(first);
    assertThat(told).hasSize(1);
    assertThat(Files.readAllLines(dir.resolve(KnownRegistries.FILE_NAME)))
        .containsExactly("localhost:7790 " + first, "127.0.0.1:7790 " + first);
  }

  @Test
  void aDamagedLineIsRefusedNotSkipped() throws Exception {
    Path file = dir.resolve(KnownRegistries.FILE_NAME);
    String pin = first.toString();
    String damaged =
        "reg.example:7777 " + pin.substring(0, pin.length() - 9) + System.lineSeparator();
    Files.writeString(file, damaged);

    assertThatThrownBy(() -> new KnownRegistries(file).policyFor("reg.example:7777").check(second))
        .isInstanceOf(KnownRegistries.Damaged.class)
        .hasMessageContaining(file + " is damaged at line 1")
        .hasMessageContaining("fix or delete that line");
    assertThat(Files.readString(file)).as("nothing pinned over it").isEqualTo(damaged);
  }

  @Test
  void aLineOfThreeWordsIsDamagedTooAndNoNewKeyIsPinnedPastIt() throws Exception {
    Path file = dir.resolve(KnownRegistries.FILE_NAME);
    String damaged = "reg.example:7777 " + first + " trailing" + System.lineSeparator();
    Files.writeString(file, damaged);

    assertThatThrownBy(() -> new KnownRegistries(file).policyFor("reg.example:7777").check(second))
        .isInstanceOf(KnownRegistries.Damaged.class)
        .hasMessageContaining("is damaged at line 1 (it is not HOST:PORT followed by a PeerId)");
    assertThat(Files.readString(file)).isEqualTo(damaged);
  }
}
