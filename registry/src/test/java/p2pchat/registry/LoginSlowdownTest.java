package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static p2pchat.registry.Refusals.refused;
import static p2pchat.registry.RegistryFixture.PASSWORD;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.RegistryClient;
import p2pchat.registry.client.RegistryException;
import p2pchat.registry.client.RegistryListener;
import p2pchat.registry.limits.LoginThrottle;
import p2pchat.registry.limits.RateLimits;

/**
 * Password guessing slows down: past the free failures of an account or of an address, logins are
 * refused for a while, even with the right password.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class LoginSlowdownTest {
  private static final Duration LOCKOUT = Duration.ofMillis(800);

  @TempDir Path data;

  private RegistryFixture registry;

  @AfterEach
  void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void wrongPasswordsPastTheFreeOnesLockTheAccountOutForAWhile() throws Exception {
    start(new LoginThrottle.Settings(3, 10, LOCKOUT, Duration.ofSeconds(5)));
    registry.connect(RegistryListener.NONE).register("alice", PASSWORD);
    RegistryClient guesser = registry.connect(RegistryListener.NONE);
    // Three free failures, then the fourth starts the lockout.
    for (int i = 0; i < 4; i++) {
      refused(ErrorCode.WRONG_PASSWORD, () -> guesser.login("alice", "a wrong guess", 1, true));
    }

    RegistryException slowDown =
        refused(ErrorCode.SLOW_DOWN, () -> guesser.login("alice", PASSWORD, 1, true));

    assertThat(slowDown.getMessage()).contains("too many failed logins", "try again in");
    await()
        .atLeast(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> logsIn(guesser, "alice"));
  }

  @Test
  void failuresForManyAccountsFromOneAddressLockThatAddressOut() throws Exception {
    start(new LoginThrottle.Settings(100, 3, LOCKOUT, Duration.ofSeconds(5)));
    RegistryClient owner = registry.connect(RegistryListener.NONE);
    owner.register("bob", PASSWORD);
    owner.register("carol", PASSWORD);
    refused(ErrorCode.UNKNOWN_USER, () -> fresh().login("nobody1", PASSWORD, 1, true));
    refused(ErrorCode.WRONG_PASSWORD, () -> fresh().login("bob", "a wrong guess", 1, true));
    refused(ErrorCode.UNKNOWN_USER, () -> fresh().login("nobody2", PASSWORD, 1, true));
    refused(ErrorCode.UNKNOWN_USER, () -> fresh().login("nobody3", PASSWORD, 1, true));

    RegistryClient carol = fresh();
    RegistryException slowDown =
        refused(ErrorCode.SLOW_DOWN, () -> carol.login("carol", PASSWORD, 1, true));

    assertThat(slowDown.getMessage()).contains("127.0.0.1", "try again in");
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> logsIn(carol, "carol"));
  }

  private void start(LoginThrottle.Settings throttle) throws Exception {
    // The token buckets of RateLimitTest are off: this test polls logins faster than they allow.
    registry =
        new RegistryFixture(
            RegistryConfig.builder(data)
                .address("127.0.0.1", 0)
                .throttle(throttle)
                .rates(RateLimits.Settings.OFF)
                .build());
  }

  private RegistryClient fresh() throws RegistryException {
    return registry.connect(RegistryListener.NONE);
  }

  /** True if the login went through, false if the registry said to slow down. */
  private static boolean logsIn(RegistryClient client, String name) throws RegistryException {
    try {
      client.login(name, PASSWORD, 1, true);
      return true;
    } catch (RegistryException e) {
      if (e.code() == ErrorCode.SLOW_DOWN) {
        return false;
      }
      throw e;
    }
  }
}
