package p2pchat.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.CertificateException;
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
}
