package p2pchat.registry.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The connection caps per address (open connections, and those not logged in yet) and of
 * connections not logged in from all addresses together.
 */
class ConnectionSlotsTest {
  @Test
  void pendingConnectionsAreCappedAndLoggingInFreesAPendingSlot() {
    ConnectionSlots slots = new ConnectionSlots(new ConnectionSlots.Settings(10, 2), () -> 0);

    assertThat(slots.open("a")).isEmpty();
    assertThat(slots.open("a")).isEmpty();
    assertThat(slots.open("a"))
        .hasValue(new ConnectionSlots.Refusal("2 connections from a have not logged in yet", true));
    assertThat(slots.open("a")).hasValueSatisfying(r -> assertThat(r.first()).isFalse());
    assertThat(slots.open("b")).isEmpty();

    slots.loggedIn("a");
    assertThat(slots.open("a")).isEmpty();
    assertThat(slots.openFrom("a")).isEqualTo(3);
  }

  @Test
  void openConnectionsAreCappedUntilOneCloses() {
    ConnectionSlots slots = new ConnectionSlots(new ConnectionSlots.Settings(2, 2), () -> 0);
    slots.open("a");
    slots.loggedIn("a");
    slots.open("a");
    slots.loggedIn("a");

    assertThat(slots.open("a"))
        .hasValueSatisfying(
            r -> assertThat(r.reason()).isEqualTo("2 connections from a are open already"));

    slots.closed("a", false);
    assertThat(slots.open("a")).isEmpty();
    slots.closed("a", true);
    slots.closed("a", false);
    assertThat(slots.openFrom("a")).isZero();
  }

  @Test
  void anAddressWithNoConnectionsLeftStartsAfreshAndIsWarnedAboutAgain() {
    ConnectionSlots slots = new ConnectionSlots(new ConnectionSlots.Settings(1, 1), () -> 0);
    slots.open("a");
    assertThat(slots.open("a")).hasValueSatisfying(r -> assertThat(r.first()).isTrue());
    assertThat(slots.open("a")).hasValueSatisfying(r -> assertThat(r.first()).isFalse());

    slots.closed("a", true);

    slots.open("a");
    assertThat(slots.open("a")).hasValueSatisfying(r -> assertThat(r.first()).isTrue());
  }

  @Test
  void connectionsNotLoggedInAreCappedAcrossAddressesUntilOneLogsInOrCloses() {
    ConnectionSlots slots = new ConnectionSlots(new ConnectionSlots.Settings(10, 10, 2), () -> 0);
    assertThat(slots.open("a")).isEmpty();
    assertThat(slots.open("b")).isEmpty();

    assertThat(slots.open("c"))
        .hasValue(
            new ConnectionSlots.Refusal(
                "2 connections from all addresses have not logged in yet", true));
    assertThat(slots.openFrom("c")).as("a refused connection takes no slot").isZero();
    assertThat(slots.pending()).isEqualTo(2);

    slots.loggedIn("a");
    assertThat(slots.pending()).isEqualTo(1);
    assertThat(slots.open("c")).isEmpty();
    assertThat(slots.open("d")).isPresent();

    slots.closed("b", true);
    assertThat(slots.pending()).isEqualTo(1);
    slots.closed("a", false); // logged in: it was counted out already
    assertThat(slots.pending()).isEqualTo(1);
    assertThat(slots.open("d")).isEmpty();
    assertThat(slots.openFrom("d")).isEqualTo(1);
  }

  @Test
  void theCapAcrossAddressesWarnsAtMostOnceInTheWarningInterval() {
    long[] now = {1_000};
    ConnectionSlots slots =
        new ConnectionSlots(new ConnectionSlots.Settings(10, 10, 1), () -> now[0]);
    slots.open("a");

    assertThat(slots.open("b")).hasValueSatisfying(r -> assertThat(r.first()).isTrue());
    assertThat(slots.open("c")).hasValueSatisfying(r -> assertThat(r.first()).isFalse());
    now[0] += ConnectionSlots.PENDING_WARNING_INTERVAL.toNanos() - 1;
    assertThat(slots.open("b")).hasValueSatisfying(r -> assertThat(r.first()).isFalse());
    now[0] += 1;
    assertThat(slots.open("b")).hasValueSatisfying(r -> assertThat(r.first()).isTrue());
    assertThat(slots.open("d")).hasValueSatisfying(r -> assertThat(r.first()).isFalse());
  }
}
