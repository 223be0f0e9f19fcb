package p2pchat.peer.transfer.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The serving budget holds a sender back at each cap, lets it go on release, and frees on close.
 */
class ServeBudgetTest {
  private final ServeBudget budget = new ServeBudget(4, 6, 10, 2);

  private static CompletableFuture<Boolean> acquire(ServeBudget.Account a, int n, Runnable w) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return a.acquire(n, w);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        },
        r -> Thread.ofVirtual().start(r));
  }

  @Test
  void aConnectionWaitsAtItsCapUntilBytesAreWritten() throws Exception {
    ServeBudget.Account a = budget.connect("bob").orElseThrow();
    assertThat(a.acquire(3, () -> {})).isTrue();
    AtomicInteger waited = new AtomicInteger();
    CompletableFuture<Boolean> next = acquire(a, 3, waited::incrementAndGet);
    await().atMost(Duration.ofSeconds(5)).until(() -> waited.get() == 1);
    assertThat(next).isNotDone();
    a.release(3);
    assertThat(next.get()).isTrue();
    assertThat(budget.used()).isEqualTo(3);
  }

  @Test
  void aUsersConnectionsShareTheUserCapAndTheConnectionCountIsCapped() throws Exception {
    ServeBudget.Account a = budget.connect("bob").orElseThrow();
    ServeBudget.Account b = budget.connect("Bob").orElseThrow();
    assertThat(budget.connect("bob")).isEmpty();
    assertThat(a.acquire(4, () -> {})).isTrue();
    CompletableFuture<Boolean> blocked = acquire(b, 3, () -> {});
    assertThat(budget.connect("carol").orElseThrow().acquire(4, () -> {})).isTrue();
    a.close(); // gives back what it held, and its slot
    assertThat(blocked.get()).isTrue();
    assertThat(budget.connect("bob")).isPresent();
    assertThat(budget.used()).isEqualTo(7);
  }

  @Test
  void theCapInAllHoldsBackAUserWithChunksInFlightButNotOneWithNone() throws Exception {
    ServeBudget.Account bob = budget.connect("bob").orElseThrow();
    ServeBudget.Account carol = budget.connect("carol").orElseThrow();
    ServeBudget.Account dave = budget.connect("dave").orElseThrow();
    assertThat(bob.acquire(4, () -> {})).isTrue();
    assertThat(carol.acquire(4, () -> {})).isTrue();
    assertThat(dave.acquire(4, () -> {})).isTrue(); // nothing in flight: one chunk always
    CompletableFuture<Boolean> more = acquire(budget.connect("bob").orElseThrow(), 1, () -> {});
    assertThat(budget.used()).isEqualTo(12);
    dave.close();
    carol.release(4);
    assertThat(more.get()).isTrue();
  }

  @Test
  void aClosedAccountStopsItsWaitingSender() throws Exception {
    ServeBudget.Account a = budget.connect("bob").orElseThrow();
    assertThat(a.acquire(4, () -> {})).isTrue();
    CompletableFuture<Boolean> next = acquire(a, 1, () -> {});
    a.close();
    assertThat(next.get()).isFalse();
    assertThat(budget.used()).isZero();
  }
}
