package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import p2pchat.protocol.Limits;
import p2pchat.registry.limits.RateLimits;

/** Making a registry config: the defaults, changing some of a config, and values out of range. */
class RegistryConfigTest {
  private static final Path DATA = Path.of("registry-data");

  @Test
  void theDefaultsListenOnEveryInterfaceOnTheDefaultPort() {
    RegistryConfig config = RegistryConfig.defaults(DATA);

    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.port()).isEqualTo(RegistryConfig.DEFAULT_PORT);
    assertThat(config.udpPort()).isEqualTo(-1);
    assertThat(config.dataDir()).isEqualTo(DATA);
    assertThat(config.pageSize()).isEqualTo(Limits.MAX_PEERS_PER_PAGE);
    assertThat(config.historyRetention()).isEqualTo(RegistryConfig.DEFAULT_HISTORY_RETENTION);
  }

  @Test
  void toBuilderChangesOnlyWhatIsSet() {
    RegistryConfig config =
        RegistryConfig.builder(DATA)
            .address("127.0.0.1", 0)
            .heartbeatTimeout(Duration.ofSeconds(2))
            .rates(RateLimits.Settings.OFF)
            .build();

    RegistryConfig moved = config.toBuilder().address("127.0.0.1", 7001).build();

    assertThat(config.toBuilder().build()).isEqualTo(config);
    assertThat(moved.port()).isEqualTo(7001);
    assertThat(moved.toBuilder().address("127.0.0.1", 0).build()).isEqualTo(config);
  }

  @Test
  void buildRefusesValuesOutOfRange() {
    assertThatThrownBy(() -> RegistryConfig.builder(DATA).pageSize(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pageSize");
    assertThatThrownBy(
            () -> RegistryConfig.builder(DATA).heartbeatTimeout(Duration.ofMillis(99)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("heartbeatTimeout");
  }
}
