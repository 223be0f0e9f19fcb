package p2pchat.registry.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Failure counts per account and address, per address, and per account for new devices. */
class LoginThrottleTest {
  private static final String OWNER = "192.0.2.1";

  private final AtomicLong now = new AtomicLong(42);
  private final LoginThrottle throttle =
      new LoginThrottle(
          new LoginThrottle.Settings(3, 10, Duration.ofSeconds(1), Duration.ofMinutes(5)),
          now::get);

  @Test
  void guessesFromManyAddressesHoldBackNewDevicesButNotTheOwnersAddress() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("alice", "198.51.100." + i, false);
    }

    assertThat(throttle.accountLockout("alice")).hasValue(Duration.ofSeconds(1));
    assertThat(throttle.lockout("alice", OWNER)).isEmpty();
    // No one address failed often enough to be locked out by itself.
    assertThat(throttle.lockout("alice", "198.51.100.3")).isEmpty();
    assertThat(throttle.accountLockout("bob")).isEmpty();
  }

  @Test
  void aBoundDevicesFailuresLockOutItsOwnAddressOnly() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("alice", OWNER, true);
    }

    assertThat(throttle.lockout("alice", OWNER)).hasValue(Duration.ofSeconds(1));
    assertThat(throttle.accountLockout("alice")).isEmpty();
    assertThat(throttle.lockout("alice", "192.0.2.2")).isEmpty();
    assertThat(throttle.lockout("bob", OWNER)).isEmpty();
  }

  @Test
  void failuresFromOneAddressForManyAccountsLockThatAddressOut() {
    for (int i = 0; i < 11; i++) {
      throttle.failed("user" + i, "198.51.100.7", false);
    }

    assertThat(throttle.lockout("alice", "198.51.100.7")).hasValue(Duration.ofSeconds(1));
    assertThat(throttle.lockout("alice", OWNER)).isEmpty();
  }

  @Test
  void aRightPasswordClearsItsAddressCountAndFromANewDeviceTheAccountsToo() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("alice", OWNER, true);
      throttle.failed("alice", "198.51.100." + i, false);
    }
    throttle.succeeded("alice", OWNER, true);
    throttle.failed("alice", OWNER, true);
    assertThat(throttle.lockout("alice", OWNER)).isEmpty();

    // The known device's login says nothing about the guesses made elsewhere.
    throttle.failed("alice", "198.51.100.9", false);
    assertThat(throttle.accountLockout("alice")).isPresent();

    now.addAndGet(Duration.ofSeconds(1).toNanos());
    throttle.succeeded("alice", "198.51.100.9", false);
    throttle.failed("alice", "198.51.100.9", false);
    assertThat(throttle.accountLockout("alice")).isEmpty();
  }

  @Test
  void lockoutsDoubleAndExpire() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("alice", OWNER, false);
    }
    assertThat(throttle.accountLockout("alice")).hasValue(Duration.ofSeconds(2));

    now.addAndGet(Duration.ofMinutes(11).toNanos());
    throttle.expire();
    throttle.failed("alice", OWNER, false);
    assertThat(throttle.accountLockout("alice")).isEmpty();
    assertThat(throttle.lockout("alice", OWNER)).isEmpty();
  }
}
