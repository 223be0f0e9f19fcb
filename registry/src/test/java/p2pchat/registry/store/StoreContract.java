package p2pchat.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import p2pchat.protocol.identity.PeerId;

/**
 * What every storage engine of the registry must do, whatever it is: a test class per engine
 * extends this one and says how to open its store. Names are unique regardless of case and keep the
 * case they were registered with; the history reads back newest first, in the order appended.
 */
public abstract class StoreContract {
  private static final Instant T0 = Instant.parse("2026-11-21T06:00:00Z");
  private static final PasswordHasher HASHER = new PasswordHasher(8, 1, 1);
  private static final PeerId LAPTOP = peerId(1);
  private static final PeerId PHONE = peerId(2);

  /**
   * Opens the store under test. Called again after {@link RegistryStore#close}, it opens the same
   * store, with what it kept if {@link #persists}.
   */
  protected abstract RegistryStore open() throws StoreException;

  /** Whether the engine keeps what it holds when closed and opened again. */
  protected boolean persists() {
    return true;
  }

  protected RegistryStore store;

  @BeforeEach
  void openStore() throws StoreException {
    store = open();
  }

  @AfterEach
  void closeStore() throws StoreException {
    store.close();
  }

  private static PeerId peerId(int n) {
    byte[] digest = new byte[PeerId.BYTES];
    Arrays.fill(digest, (byte) n);
    return PeerId.ofDigest(digest);
  }

  private static HistoryRecord record(String key, int n, Instant at) {
    return new HistoryRecord(at, key, 7, "Lookup", "name=user" + n, "ok");
  }

  private void reopen() throws StoreException {
    store.close();
    store = open();
  }

  // ---- accounts ----

  @Test
  void anAccountIsFoundByItsNameInAnyCaseAndKeepsTheCaseItWasCreatedWith() throws Exception {
    Account created = store.accounts().create("Alice", "hash-1", LAPTOP);

    assertThat(created.name()).isEqualTo("Alice");
    assertThat(created.peerIds()).containsExactly(LAPTOP);
    assertThat(created.ban()).isEmpty();
    for (String name : List.of("Alice", "alice", "ALICE")) {
      Account found = store.accounts().find(name).orElseThrow();
      assertThat(found.id()).as(name).isEqualTo(created.id());
      assertThat(found.name()).isEqualTo("Alice");
      assertThat(found.passwordHash()).isEqualTo("hash-1");
      assertThat(found.peerIds()).containsExactly(LAPTOP);
      assertThat(found.ban()).isEmpty();
      assertThat(found.created()).isCloseTo(created.created(), within(1, ChronoUnit.SECONDS));
    }
    assertThat(store.accounts().find("bob")).isEmpty();
    assertThat(store.accounts().find("alic")).isEmpty();
  }

  @Test
  void aNameTakenInAnyCaseIsRefusedAndTheFirstAccountStaysAsItWas() throws Exception {
    Account first = store.accounts().create("alice", "hash-1", LAPTOP);

    for (String name : List.of("alice", "ALICE", "Alice")) {
      assertThatThrownBy(() -> store.accounts().create(name, "hash-2", PHONE))
          .as(name)
          .isInstanceOf(NameTakenException.class);
    }
    Account found = store.accounts().find("alice").orElseThrow();
    assertThat(found.id()).isEqualTo(first.id());
    assertThat(found.passwordHash()).isEqualTo("hash-1");
    assertThat(found.peerIds()).containsExactly(LAPTOP);
    assertThat(store.accounts().create("bob", "hash-3", PHONE).id()).isNotEqualTo(first.id());
  }

  @Test
  void thePasswordHashComesBackAsStoredSoThePasswordChecks() throws Exception {
    store.accounts().create("alice", HASHER.hash("correct horse"), LAPTOP);

    String hash = store.accounts().find("alice").orElseThrow().passwordHash();

    assertThat(HASHER.verify("correct horse", hash)).isTrue();
    assertThat(HASHER.verify("wrong horse", hash)).isFalse();
  }

  @Test
  void peerIdsAreBoundOncePerAccount() throws Exception {
    Account alice = store.accounts().create("alice", "hash", LAPTOP);
    store.accounts().create("bob", "hash", LAPTOP);

    store.accounts().addPeerId(alice.id(), PHONE);
    store.accounts().addPeerId(alice.id(), PHONE); // again: nothing changes
    store.accounts().addPeerId(alice.id(), LAPTOP);

    assertThat(store.accounts().find("alice").orElseThrow().peerIds())
        .containsExactlyInAnyOrder(LAPTOP, PHONE);
    assertThat(store.accounts().find("bob").orElseThrow().peerIds()).containsExactly(LAPTOP);
  }

  @Test
  void aBanKeepsItsTimeAndReasonIsReplacedByTheNextAndLiftedByUnban() throws Exception {
    store.accounts().create("alice", "hash", LAPTOP);
    store.accounts().create("bob", "hash", PHONE);

    assertThat(store.accounts().ban("ALICE", "spam", T0)).isTrue();
    assertThat(store.accounts().find("alice").orElseThrow().ban())
        .contains(new Account.Ban(T0, "spam"));
    assertThat(store.accounts().find("bob").orElseThrow().ban()).as("only alice").isEmpty();

    assertThat(store.accounts().ban("alice", "", T0.plusSeconds(60))).isTrue();
    assertThat(store.accounts().find("alice").orElseThrow().ban())
        .contains(new Account.Ban(T0.plusSeconds(60), ""));

    assertThat(store.accounts().unban("Alice")).isTrue();
    assertThat(store.accounts().find("alice").orElseThrow().ban()).isEmpty();
    assertThat(store.accounts().unban("alice")).as("not banned, but there").isTrue();

    assertThat(store.accounts().ban("nobody", "spam", T0)).isFalse();
    assertThat(store.accounts().unban("nobody")).isFalse();
    assertThat(store.accounts().find("nobody")).isEmpty();
  }

  // ---- operators ----

  @Test
  void operatorsHaveNamesOfTheirOwnUniqueRegardlessOfCase() throws Exception {
    Admin root = store.admins().create("Root", "admin-hash");

    assertThat(root.name()).isEqualTo("Root");
    Admin found = store.admins().find("ROOT").orElseThrow();
    assertThat(found.id()).isEqualTo(root.id());
    assertThat(found.name()).isEqualTo("Root");
    assertThat(found.passwordHash()).isEqualTo("admin-hash");
    assertThatThrownBy(() -> store.admins().create("root", "other"))
        .isInstanceOf(NameTakenException.class);
    assertThat(store.admins().find("root").orElseThrow().passwordHash()).isEqualTo("admin-hash");
    assertThat(store.admins().find("nobody")).isEmpty();

    // An operator is not an account, nor an account an operator: the names do not collide.
    assertThat(store.accounts().find("root")).isEmpty();
    store.accounts().create("root", "user-hash", LAPTOP);
    store.accounts().create("alice", "user-hash", LAPTOP);
    assertThat(store.admins().find("alice")).isEmpty();
    assertThat(store.admins().find("root").orElseThrow().passwordHash()).isEqualTo("admin-hash");
  }

  // ---- history ----

  @Test
  void historyComesBackNewestFirstPerKeyInTheOrderAppended() throws Exception {
    List<HistoryRecord> batch = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      batch.add(record("alice", i, T0.plusSeconds(i)));
      batch.add(record("bob", i, T0.plusSeconds(i)));
    }
    store.history().append(batch);
    // Appended later with an earlier time: the order of appending decides, not the time.
    store.history().append(List.of(record("alice", 5, T0.minusSeconds(60))));
    store.history().append(List.of());

    assertThat(store.history().recent("alice", 3))
        .extracting(HistoryRecord::arguments)
        .containsExactly("name=user5", "name=user4", "name=user3");
    assertThat(store.history().recent("alice", 100))
        .extracting(HistoryRecord::arguments)
        .containsExactly(
            "name=user5", "name=user4", "name=user3", "name=user2", "name=user1", "name=user0");
    assertThat(store.history().recent("bob", 100)).hasSize(5);
    assertThat(store.history().recent("carol", 100)).isEmpty();
    assertThat(store.history().recent("alice", 2).getLast())
        .isEqualTo(record("alice", 4, T0.plusSeconds(4)));
  }

  @Test
  void historyIsReadInPagesOfTheLimitAsked() throws Exception {
    List<HistoryRecord> batch = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      batch.add(record("alice", i, T0.plusMillis(i)));
    }
    store.history().append(batch);

    for (int limit : List.of(1, 10, 249, 250)) {
      List<HistoryRecord> page = store.history().recent("alice", limit);
      assertThat(page).as("limit %d", limit).hasSize(limit);
      assertThat(page.getFirst().arguments()).isEqualTo("name=user249");
      assertThat(page.getLast().arguments()).isEqualTo("name=user" + (250 - limit));
    }
    assertThat(store.history().recent("alice", 1000)).hasSize(250);
  }

  @Test
  void purgeDeletesWhatIsOlderThanTheRetention() throws Exception {
    store
        .history()
        .append(
            List.of(
                record("alice", 1, T0.minus(Duration.ofDays(40))),
                record("alice", 2, T0.minus(Duration.ofDays(29))),
                record("bob", 1, T0.minus(Duration.ofDays(31))),
                record("alice", 3, T0)));

    assertThat(store.history().purge(T0.minus(Duration.ofDays(30)))).isEqualTo(2);

    assertThat(store.history().recent("alice", 10))
        .extracting(HistoryRecord::arguments)
        .containsExactly("name=user3", "name=user2");
    assertThat(store.history().recent("bob", 10)).isEmpty();
    assertThat(store.history().purge(T0.minus(Duration.ofDays(30)))).isZero();
  }

  // ---- across a restart ----

  @Test
  void everythingSurvivesClosingAndOpeningAgain() throws Exception {
    assumeTrue(persists(), "this engine keeps nothing across a restart");
    Account alice = store.accounts().create("Alice", "hash", LAPTOP);
    store.accounts().addPeerId(alice.id(), PHONE);
    store.accounts().create("bob", "hash", PHONE);
    store.accounts().ban("bob", "spam", T0);
    store.admins().create("root", "admin-hash");
    store.history().append(List.of(record("alice", 1, T0), record("alice", 2, T0)));

    reopen();

    Account found = store.accounts().find("alice").orElseThrow();
    assertThat(found.id()).isEqualTo(alice.id());
    assertThat(found.name()).isEqualTo("Alice");
    assertThat(found.peerIds()).containsExactlyInAnyOrder(LAPTOP, PHONE);
    assertThat(store.accounts().find("bob").orElseThrow().ban())
        .contains(new Account.Ban(T0, "spam"));
    assertThatThrownBy(() -> store.accounts().create("alice", "hash", LAPTOP))
        .isInstanceOf(NameTakenException.class);
    assertThat(store.admins().find("ROOT")).isPresent();
    assertThat(store.history().recent("alice", 10))
        .containsExactly(record("alice", 2, T0), record("alice", 1, T0));
  }
}
