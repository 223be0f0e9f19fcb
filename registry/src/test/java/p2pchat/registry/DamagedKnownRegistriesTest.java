package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.KnownRegistries;
import p2pchat.registry.client.RegistryClient;
import p2pchat.registry.client.RegistryException;
import p2pchat.registry.client.RegistryListener;

/** A client whose known-registries file is damaged says so, rather than blaming the registry. */
@ExtendWith(UncaughtExceptionsExtension.class)
class DamagedKnownRegistriesTest {
  @TempDir Path data;
  @TempDir Path profile;

  @Test
  void aDamagedPinFileIsReportedAsSuchAndNothingIsPinnedPastIt() throws Exception {
    Path file = profile.resolve(KnownRegistries.FILE_NAME);
    try (RegistryFixture registry = new RegistryFixture(data)) {
      var address = registry.server().address();
      String damaged = "127.0.0.1:" + address.getPort() + " not-a-peer-id" + System.lineSeparator();
      Files.writeString(file, damaged);

      assertThatThrownBy(
              () ->
                  RegistryClient.connect(
                          address,
                          Identity.generate("alice"),
                          new KnownRegistries(file).policyFor(address, firstUse -> {}),
                          RegistryListener.NONE,
                          RegistryClient.Options.DEFAULTS)
                      .close())
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining(file + " is damaged at line 1")
          .hasMessageNotContaining("refused the TLS handshake");
      assertThat(Files.readString(file)).isEqualTo(damaged);
      assertThat(registry.server().sessionCount()).isZero();
    }
  }
}
