package p2pchat.peer.group;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One receiver's view of one sender's numbered messages: gaps, late arrivals, copies. */
class SenderStateTest {
  @Test
  void theFirstMessageHeardStartsTheCountWithoutAGap() {
    SenderState s = new SenderState();

    assertThat(s.accept(57, 1)).isZero();
    assertThat(s.accept(58, 2)).isZero();
  }

  @Test
  void aSkippedNumberIsAGapAndTheLateMessageIsShownOnce() {
    SenderState s = new SenderState();
    s.accept(1, 1);

    assertThat(s.accept(4, 4)).isEqualTo(2);
    assertThat(s.accept(2, 2)).isZero();
    assertThat(s.accept(2, 2)).isEqualTo(SenderState.DUPLICATE);
    assertThat(s.accept(3, 33)).isZero();
    assertThat(s.missing).isEmpty();
  }

  @Test
  void aCopyIsADuplicateByIdOrByNumber() {
    SenderState s = new SenderState();
    s.accept(1, 100);
    s.accept(2, 200);

    assertThat(s.accept(2, 200)).isEqualTo(SenderState.DUPLICATE);
    assertThat(s.accept(1, 999)).isEqualTo(SenderState.DUPLICATE);
    assertThat(s.accept(3, 100)).isEqualTo(SenderState.DUPLICATE);
  }

  @Test
  void aHugeGapRemembersOnlyTheLatestMissingNumbers() {
    SenderState s = new SenderState();
    s.accept(1, 1);

    assertThat(s.accept(1_000_000_000L, 2)).isEqualTo(999_999_998L);
    assertThat(s.missing).hasSize(SenderState.MAX_MISSING);
    assertThat(s.missing.first()).isEqualTo(1_000_000_000L - SenderState.MAX_MISSING);
  }
}
