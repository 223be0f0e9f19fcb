package p2pchat.registry.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Buckets per address and per account, on a fake clock. */
class RateLimitsTest {
  private final AtomicLong now = new AtomicLong(42);

  private RateLimits limits(String logins, String perAccount, String registrations) {
    return new RateLimits(
        new RateLimits.Settings(
            Rate.parse(logins),
            Rate.parse(perAccount),
            Rate.parse(registrations),
            Rate.parse("4/1m"),
            Rate.parse("2/1m")),
        now::get);
  }

  @Test
  void eachAddressHasItsOwnBucket() {
    RateLimits limits = limits("2/1m", "100/1m", "off");

    assertThat(limits.login("192.0.2.1", "alice")).isEmpty();
    assertThat(limits.login("192.0.2.1", "bob")).isEmpty();
    assertThat(limits.login("192.0.2.1", "carol"))
        .hasValue(
            "slow down: too many login attempts from 192.0.2.1 (at most 2/1m); try again in 30 s");
    assertThat(limits.login("192.0.2.2", "carol")).isEmpty();

    now.addAndGet(Duration.ofSeconds(30).toNanos());
    assertThat(limits.login("192.0.2.1", "carol")).isEmpty();
  }

  @Test
  void eachAccountHasItsOwnBucketRegardlessOfCase() {
    RateLimits limits = limits("100/1m", "1/1h", "off");

    assertThat(limits.login("192.0.2.1", "alice")).isEmpty();
    assertThat(limits.login("192.0.2.2", "Alice"))
        .hasValue(
            "slow down: too many login attempts for Alice (at most 1/1h); try again in 3600 s");
    assertThat(limits.login("192.0.2.2", "bob")).isEmpty();
  }

  @Test
  void requestsCountPerAddressAndPerLoggedInAccount() {
    RateLimits limits = limits("off", "off", "off");

    assertThat(limits.request("192.0.2.1", "alice")).isEmpty();
    assertThat(limits.request("192.0.2.2", "alice")).isEmpty();
    assertThat(limits.request("192.0.2.3", "alice"))
        .hasValueSatisfying(
            s -> assertThat(s).startsWith("slow down: too many requests from alice"));
    // Before login, only the address counts.
    for (int i = 0; i < 3; i++) {
      assertThat(limits.request("192.0.2.1", null)).isEmpty();
    }
    assertThat(limits.request("192.0.2.1", null))
        .hasValueSatisfying(
            s -> assertThat(s).startsWith("slow down: too many requests from 192.0.2.1"));
  }

  @Test
  void offMeansNoLimitAndRegistrationsHaveTheirOwnBuckets() {
    RateLimits limits = limits("off", "off", "1/1d");
    for (int i = 0; i < 10_000; i++) {
      assertThat(limits.login("192.0.2.1", "alice")).isEmpty();
    }
    assertThat(limits.registration("192.0.2.1")).isEmpty();
    assertThat(limits.registration("192.0.2.1"))
        .hasValue(
            "slow down: too many registrations from 192.0.2.1 (at most 1/1d); try again in 86400 s");
  }

  @Test
  void expiringForgetsOnlyFullBuckets() {
    RateLimits limits = limits("1/1m", "off", "off");
    limits.login("192.0.2.1", "alice");

    limits.expire();
    assertThat(limits.login("192.0.2.1", "alice")).isPresent(); // still remembered

    now.addAndGet(Duration.ofMinutes(1).toNanos());
    limits.expire();
    assertThat(limits.login("192.0.2.1", "alice")).isEmpty();
  }
}
