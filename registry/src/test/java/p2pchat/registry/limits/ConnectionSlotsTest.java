package p2pchat.registry.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The connection caps per address: open connections, and those not logged in yet. */
class ConnectionSlotsTest {
  @Test
  void pendingConnectionsAreCappedAndLoggingInFreesAPendingSlot() {
    ConnectionSlots slots = new ConnectionSlots(new ConnectionSlots.Settings(10, 2));

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
    ConnectionSlots slots = new ConnectionSlots(new ConnectionSlots.Settings(2, 2));
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
    ConnectionSlots slots = new ConnectionSlots(new ConnectionSlots.Settings(1, 1));
    slots.open("a");
    assertThat(slots.open("a")).hasValueSatisfying(r -> assertThat(r.first()).isTrue());
    assertThat(slots.open("a")).hasValueSatisfying(r -> assertThat(r.first()).isFalse());

    slots.closed("a", true);

    slots.open("a");
    assertThat(slots.open("a")).hasValueSatisfying(r -> assertThat(r.first()).isTrue());
  }
}
