package p2pchat.peer.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconnectWaitsTest {
  private static final Duration LONGEST = Duration.ofSeconds(30);

  @Test
  void withoutJitterTheWaitsDoubleFromAQuarterSecondUpToTheLongest() {
    ReconnectWaits waits = new ReconnectWaits(LONGEST, () -> 0.0);
    assertThat(millis(waits, 10))
        .containsExactly(250L, 500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L);
  }

  @Test
  void jitterShortensEachWaitByAtMostHalf() {
    ReconnectWaits waits = new ReconnectWaits(LONGEST, () -> 0.999);
    assertThat(millis(waits, 8))
        .containsExactly(126L, 251L, 501L, 1001L, 2002L, 4004L, 8008L, 15015L);
  }

  @Test
  void slowJumpsToTheLongestWaitAndResetStartsOver() {
    ReconnectWaits waits = new ReconnectWaits(LONGEST, () -> 0.0);
    waits.next();
    waits.slow();
    assertThat(millis(waits, 2)).containsExactly(30000L, 30000L);
    waits.reset();
    assertThat(millis(waits, 2)).containsExactly(250L, 500L);
  }

  private static List<Long> millis(ReconnectWaits waits, int n) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(waits.next().toMillis());
    }
    return out;
  }
}
