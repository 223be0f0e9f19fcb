package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ConnectionMessage.Hello;
import p2pchat.protocol.message.ConnectionMessage.Ping;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.RegistryClient;

/** A Hello in a protocol version the registry does not speak is refused, naming both versions. */
@ExtendWith(UncaughtExceptionsExtension.class)
class VersionRefusalTest {
  private static final Duration ANSWER = Duration.ofSeconds(5);

  @TempDir Path data;

  @ParameterizedTest
  @ValueSource(ints = {99, 2, 0, -1})
  void anUnknownVersionIsRefusedAndTheConnectionClosed(int version) throws Exception {
    try (RegistryFixture registry = new RegistryFixture(data)) {
      RegistryClient alice = registry.online("alice", new PresenceRecorder());
      try (RawRegistryConnection raw = RawRegistryConnection.open(registry.server())) {
        // The Ping right behind the Hello must not be answered: the refusal ends the connection.
        raw.send(new Hello(version, "p2pchat/9.9"), new Ping(1));

        assertThat(raw.receive(ANSWER))
            .isEqualTo(
                new Failure(
                    0,
                    ErrorCode.UNSUPPORTED_VERSION,
                    "this registry speaks protocol version 1, the client sent version "
                        + version
                        + "; update the older side"));
        assertThat(raw.closedByPeer(ANSWER)).as("closed after the refusal").isTrue();
      }

      RegistryClient bob = registry.online("bob", new PresenceRecorder());
      assertThat(alice.lookup("bob").port()).isEqualTo(40000);
      assertThat(bob.online()).extracting(p -> p.name()).containsExactly("alice");
    }
  }
}
