package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static p2pchat.registry.Refusals.refused;
import static p2pchat.registry.RegistryFixture.PASSWORD;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.RegistryClient;
import p2pchat.registry.client.RegistryException;
import p2pchat.registry.client.RegistryListener;

/** Creating accounts: which names and passwords the registry takes, and what it says otherwise. */
@ExtendWith(UncaughtExceptionsExtension.class)
class RegistrationTest {
  @TempDir Path data;

  private RegistryFixture registry;
  private RegistryClient client;

  @BeforeEach
  void start() throws Exception {
    registry = new RegistryFixture(data);
    client = registry.connect(RegistryListener.NONE);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void aRegisteredNameCanLogIn() throws RegistryException {
    client.register("alice", PASSWORD);

    assertThat(client.login("alice", PASSWORD, 40000, true).observedHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void aTakenNameIsRefused() throws RegistryException {
    client.register("alice", PASSWORD);
    RegistryClient other = registry.connect(RegistryListener.NONE);

    RegistryException refusal =
        refused(ErrorCode.NAME_TAKEN, () -> other.register("alice", "another password"));

    assertThat(refusal.getMessage()).contains("alice", "is taken", "choose another");
  }

  @Test
  void aNameDifferingOnlyInCaseIsTaken() throws RegistryException {
    client.register("alice", PASSWORD);
    RegistryClient other = registry.connect(RegistryListener.NONE);

    RegistryException refusal =
        refused(ErrorCode.NAME_TAKEN, () -> other.register("Alice", PASSWORD));

    assertThat(refusal.getMessage()).contains("Alice", "is taken");
  }

  static Stream<String> invalidNames() {
    return Stream.of("", "has space", "a".repeat(33), "slash/name", "ünïcode", "semi;colon");
  }

  @ParameterizedTest
  @MethodSource("invalidNames")
  void invalidNamesAreRefused(String name) {
    RegistryException refusal =
        refused(ErrorCode.INVALID_NAME, () -> client.register(name, PASSWORD));

    assertThat(refusal.getMessage()).contains("user names are", "32", "letters, digits");
  }

  @Test
  void thirtyTwoCharactersOfEveryAllowedKindAreAccepted() throws RegistryException {
    String name = "Az09_.-" + "x".repeat(25);
    assertThat(name).hasSize(32);

    client.register(name, PASSWORD);

    assertThat(client.login(name, PASSWORD, 40000, true).sessionId()).isNotZero();
  }

  @Test
  void aPasswordShorterThanEightCharactersIsRefused() {
    RegistryException refusal =
        refused(ErrorCode.INVALID_PASSWORD, () -> client.register("alice", "1234567"));

    assertThat(refusal.getMessage()).contains("passwords must have at least 8 characters");
  }

  @Test
  void eightCharactersDoAndARefusalLeavesTheNameFree() throws RegistryException {
    refused(ErrorCode.INVALID_PASSWORD, () -> client.register("alice", "1234567"));

    client.register("alice", "12345678");
  }
}
