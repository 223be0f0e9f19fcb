package p2pchat.registry.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The token bucket on a fake clock: bursts, refills, the wait it reports, and forgetting. */
class TokenBucketTest {
  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  @Test
  void aFullBucketLetsABurstThroughThenOneTokenPerInterval() {
    // 3 a second at most, on average: one token every third of a second.
    TokenBucket bucket = new TokenBucket(Rate.parse("3/1s"), 0);

    assertThat(bucket.tryTake(0)).isZero();
    assertThat(bucket.tryTake(0)).isZero();
    assertThat(bucket.tryTake(0)).isZero();
    long wait = bucket.tryTake(0);

    assertThat(wait).isEqualTo(SECOND / 3);
    assertThat(bucket.tryTake(SECOND / 3 - 1)).isEqualTo(1);
    assertThat(bucket.tryTake(SECOND / 3)).isZero();
    assertThat(bucket.tryTake(SECOND / 3)).isPositive();
  }

  @Test
  void aRefusedTakeTakesNothing() {
    TokenBucket bucket = new TokenBucket(Rate.parse("1/10s"), 0);
    assertThat(bucket.tryTake(0)).isZero();

    for (int i = 0; i < 100; i++) {
      assertThat(bucket.tryTake(SECOND)).isEqualTo(9 * SECOND);
    }
    assertThat(bucket.tryTake(10 * SECOND)).isZero();
  }

  @Test
  void aQuietBucketFillsUpToItsCapacityAndNoMore() {
    TokenBucket bucket = new TokenBucket(Rate.parse("2/1s"), 0);
    bucket.tryTake(0);
    bucket.tryTake(0);
    assertThat(bucket.full(0)).isFalse();
    assertThat(bucket.full(SECOND / 2)).isFalse();
    assertThat(bucket.full(SECOND)).isTrue();

    long later = 3600 * SECOND; // an hour of quiet still gives only two
    assertThat(bucket.tryTake(later)).isZero();
    assertThat(bucket.tryTake(later)).isZero();
    assertThat(bucket.tryTake(later)).isPositive();
  }

  @Test
  void timesMayBeNegativeOrWrapAsNanoTimeDoes() {
    long start = Long.MAX_VALUE - SECOND / 2;
    TokenBucket bucket = new TokenBucket(Rate.parse("1/1s"), start);
    assertThat(bucket.tryTake(start)).isZero();
    assertThat(bucket.tryTake(start + SECOND / 2)).isEqualTo(SECOND / 2);
    assertThat(bucket.tryTake(start + SECOND)).isZero(); // past Long.MAX_VALUE
  }

  @Test
  void ratesReadAndWriteAsPeopleWriteThem() {
    assertThat(Rate.parse("30/1m")).isEqualTo(new Rate(30, Duration.ofMinutes(1)));
    assertThat(Rate.parse(" 20/1h ")).isEqualTo(new Rate(20, Duration.ofHours(1)));
    assertThat(Rate.parse("5/250ms")).isEqualTo(new Rate(5, Duration.ofMillis(250)));
    assertThat(Rate.parse("off").limited()).isFalse();
    for (String text : new String[] {"30/1m", "200/10s", "20/1h", "5/1d", "5/250ms", "off"}) {
      assertThat(Rate.parse(text)).hasToString(text);
    }
    assertThatThrownBy(() -> Rate.parse("30 per minute"))
        .hasMessage(
            "'30 per minute' is not a rate; write COUNT/DURATION such as 30/1m or 200/10s, or off");
    assertThatThrownBy(() -> Rate.parse("3/0s")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenBucket(Rate.OFF, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
