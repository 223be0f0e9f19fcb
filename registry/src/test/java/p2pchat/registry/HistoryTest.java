package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static p2pchat.registry.Refusals.refused;
import static p2pchat.registry.RegistryFixture.PASSWORD;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.message.AdminMessage.HistoryEntry;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.AdminClient;
import p2pchat.registry.client.LoginResult;
import p2pchat.registry.client.RegistryClient;
import p2pchat.registry.client.RegistryException;
import p2pchat.registry.client.RegistryListener;

/**
 * The history of a user: every request the user's clients sent (failed logins included), newest
 * first, with arguments but never a password; kept in the database across restarts. Operators'
 * requests are recorded the same way under {@code admin:NAME}.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class HistoryTest {
  private static final String WRONG_PASSWORD = "Okapi-Nebula-55210";

  @TempDir Path data;

  private RegistryFixture registry;

  @BeforeEach
  void start() throws Exception {
    registry = new RegistryFixture(data);
    registry.createAdmin("root");
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void theRequestsOfAUserNewestFirstWithoutPasswordsAcrossARestart() throws Exception {
    RegistryClient alice = registry.connect(RegistryListener.NONE);
    alice.register("alice", PASSWORD);
    refused(ErrorCode.WRONG_PASSWORD, () -> alice.login("alice", WRONG_PASSWORD, 40000, true));
    LoginResult login = alice.login("alice", PASSWORD, 40000, true);
    alice.online();
    refused(ErrorCode.UNKNOWN_USER, () -> alice.lookup("nobody"));
    alice.setVisible(false);
    registry.online("bob", RegistryListener.NONE); // someone else's requests are not alice's

    List<HistoryEntry> history = registry.admin("root").history("alice", 100);

    assertAlicesHistory(history, login.sessionId());

    registry.restart();

    assertAlicesHistory(registry.admin("root").history("Alice", 100), login.sessionId());
    assertThat(registry.admin("root").history("alice", 2))
        .extracting(HistoryEntry::request)
        .containsExactly("SetVisibility", "Lookup");
  }

  private static void assertAlicesHistory(List<HistoryEntry> history, long sessionId) {
    assertThat(history)
        .extracting(HistoryEntry::request, HistoryEntry::arguments, HistoryEntry::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("SetVisibility", "visible=false", "ok"),
            org.assertj.core.groups.Tuple.tuple(
                "Lookup", "name=nobody", "UNKNOWN_USER: there is no user named nobody"),
            org.assertj.core.groups.Tuple.tuple("ListOnline", "", "ok"),
            org.assertj.core.groups.Tuple.tuple(
                "Login", "name=alice, listenPort=40000, visible=true", "ok"),
            org.assertj.core.groups.Tuple.tuple(
                "Login",
                "name=alice, listenPort=40000, visible=true",
                "WRONG_PASSWORD: wrong password for alice"),
            org.assertj.core.groups.Tuple.tuple("Register", "name=alice", "ok"));
    assertThat(history).extracting(HistoryEntry::sessionId).containsOnly(sessionId);
    for (int i = 1; i < history.size(); i++) {
      assertThat(history.get(i).at()).isBeforeOrEqualTo(history.get(i - 1).at());
    }
    assertThat(history)
        .allSatisfy(
            e ->
                assertThat(e.request() + e.arguments() + e.outcome())
                    .doesNotContain(PASSWORD)
                    .doesNotContain(WRONG_PASSWORD));
  }

  @Test
  void operatorsAreAuditedUnderTheirOwnName() throws Exception {
    registry.online("mallory", RegistryListener.NONE);
    AdminClient root = registry.admin("root");
    root.sessions();
    root.kick("mallory", "spamming");
    registry.server().admin().ban("mallory", "for good");

    List<HistoryEntry> audit = root.history("admin:root", 10);

    assertThat(audit)
        .extracting(HistoryEntry::request, HistoryEntry::arguments, HistoryEntry::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Kick", "name=mallory, reason=spamming", "ok"),
            org.assertj.core.groups.Tuple.tuple("ListSessions", "", "ok"),
            org.assertj.core.groups.Tuple.tuple("AdminLogin", "name=root", "ok"),
            org.assertj.core.groups.Tuple.tuple("AdminCreate", "name=root", "ok"));
    assertThat(root.history(RegistryAdmin.CONSOLE, 10))
        .extracting(HistoryEntry::request, HistoryEntry::arguments)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Ban", "name=mallory, reason=for good"));
  }

  @Test
  void aUserWithNoRequestsHasAnEmptyHistory() throws Exception {
    assertThat(registry.admin("root").history(RegistryAdmin.CONSOLE, 10)).isEmpty();
  }

  @Test
  void theHistoryOfANameNobodyHasIsRefused() throws Exception {
    AdminClient root = registry.admin("root");

    assertThat(refused(ErrorCode.UNKNOWN_USER, () -> root.history("nobody", 10)))
        .hasMessageContaining("there is no account named nobody");
    assertThat(refused(ErrorCode.UNKNOWN_USER, () -> root.history("admin:nobody", 10)))
        .hasMessageContaining("there is no operator named nobody");
    assertThat(
            Refusals.refusedLocally(
                ErrorCode.UNKNOWN_USER, () -> registry.server().admin().history("nobody", 10)))
        .hasMessageContaining("there is no account named nobody");
  }

  @Test
  void failedLoginsToANameNobodyHasAreShown() throws Exception {
    RegistryClient guess = registry.connect(RegistryListener.NONE);
    assertThatThrownBy(() -> guess.login("ghost", WRONG_PASSWORD, 40000, true))
        .isInstanceOf(RegistryException.class);

    assertThat(registry.admin("root").history("ghost", 10))
        .extracting(HistoryEntry::request)
        .containsExactly("Login");
  }
}
