package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static p2pchat.registry.Refusals.refused;
import static p2pchat.registry.Refusals.refusedLocally;
import static p2pchat.registry.RegistryFixture.ADMIN_PASSWORD;
import static p2pchat.registry.RegistryFixture.PASSWORD;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.message.AdminMessage.AdminLogin;
import p2pchat.protocol.message.AdminMessage.FollowLog;
import p2pchat.protocol.message.AdminMessage.History;
import p2pchat.protocol.message.AdminMessage.Kick;
import p2pchat.protocol.message.AdminMessage.ListSessions;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.RegistryMessage.ListOnline;
import p2pchat.protocol.message.RegistryMessage.Login;
import p2pchat.protocol.message.RegistryMessage.OnlinePage;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.AdminClient;
import p2pchat.registry.client.RegistryException;
import p2pchat.registry.client.RegistryListener;
import p2pchat.registry.service.Requests;

/**
 * Operators are not chat accounts: one is created in the registry's database, logs in over the same
 * TLS port with its own request, and only then may administer. A chat account can never call an
 * admin operation: it is refused with FORBIDDEN, and the connection goes on.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class AdminLoginTest {
  @TempDir Path data;

  private RegistryFixture registry;

  @BeforeEach
  void start() throws Exception {
    registry = new RegistryFixture(data);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void anAdminCreatedInTheDatabaseLogsInAndAdministers() throws Exception {
    registry.online("alice", RegistryListener.NONE);
    registry.createAdmin("root");

    AdminClient root = registry.admin("Root"); // names compare regardless of case

    assertThat(root.sessions()).extracting(s -> s.name()).containsExactly("alice");
  }

  @Test
  void wrongPasswordsAndUnknownAdminsAreRefused() throws Exception {
    registry.createAdmin("root");
    AdminClient connection = registry.adminConnection();

    assertThat(
            refused(ErrorCode.WRONG_PASSWORD, () -> connection.login("root", "not the password"))
                .getMessage())
        .isEqualTo("wrong password for admin root");
    assertThat(
            refused(ErrorCode.UNKNOWN_USER, () -> connection.login("nobody", ADMIN_PASSWORD))
                .getMessage())
        .isEqualTo("no admin named nobody");
    refused(ErrorCode.FORBIDDEN, connection::sessions);
  }

  @Test
  void aChatAccountCannotLogInAsAnAdmin() throws Exception {
    registry.connect(RegistryListener.NONE).register("alice", PASSWORD);

    RegistryException refusal =
        refused(ErrorCode.UNKNOWN_USER, () -> registry.adminConnection().login("alice", PASSWORD));

    assertThat(refusal.getMessage()).isEqualTo("no admin named alice");
  }

  @Test
  void aChatSessionIsRefusedEveryAdminOperationAndGoesOn() throws Exception {
    try (RawRegistryConnection alice = RawRegistryConnection.open(registry.server())) {
      alice.helloRegisterLogin("alice", PASSWORD);

      for (Message request :
          new Message[] {
            new ListSessions(11),
            new Kick(12, "bob", "because"),
            new History(13, "bob", 10),
            new FollowLog(14)
          }) {
        Message answer = alice.ask(request);
        assertThat(answer)
            .as("answer to %s", request)
            .isInstanceOfSatisfying(
                Failure.class,
                f -> {
                  assertThat(f.requestId()).isEqualTo(Requests.id(request));
                  assertThat(f.code()).isEqualTo(ErrorCode.FORBIDDEN);
                  assertThat(f.text())
                      .isEqualTo(
                          "alice is a chat account and cannot administer the registry;"
                              + " operators log in with an admin identity (p2pchat admin)");
                });
      }
      assertThat(alice.ask(new AdminLogin(15, "root", ADMIN_PASSWORD)))
          .isInstanceOfSatisfying(
              Failure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.ALREADY_LOGGED_IN));

      // Refusals, not protocol errors: the session goes on.
      assertThat(alice.ask(new ListOnline(16))).isInstanceOf(OnlinePage.class);
    }
  }

  @Test
  void aConnectionThatHasNotLoggedInIsRefusedAdminOperations() throws Exception {
    try (RawRegistryConnection raw = RawRegistryConnection.open(registry.server())) {
      raw.hello();

      assertThat(raw.ask(new ListSessions(1)))
          .isEqualTo(
              new Failure(1, ErrorCode.FORBIDDEN, "administration needs an admin login first"));
    }
  }

  @Test
  void anAdminConnectionMakesNoChatRequests() throws Exception {
    registry.createAdmin("root");
    registry.connect(RegistryListener.NONE).register("alice", PASSWORD);
    try (RawRegistryConnection raw = RawRegistryConnection.open(registry.server())) {
      raw.hello();
      assertThat(raw.ask(new AdminLogin(1, "root", ADMIN_PASSWORD)))
          .isEqualTo(new p2pchat.protocol.message.RegistryMessage.Done(1));

      assertThat(raw.ask(new Login(2, "alice", PASSWORD, 40000, true)))
          .isInstanceOfSatisfying(
              Failure.class,
              f -> {
                assertThat(f.code()).isEqualTo(ErrorCode.FORBIDDEN);
                assertThat(f.text()).startsWith("this connection is logged in as admin root");
              });
      assertThat(raw.ask(new AdminLogin(3, "root", ADMIN_PASSWORD)))
          .isInstanceOfSatisfying(
              Failure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.ALREADY_LOGGED_IN));
    }
  }

  @Test
  void adminNamesAndPasswordsFollowTheRulesOfAccountsAndAreUnique() throws Exception {
    registry.createAdmin("root");

    assertThat(
            refusedLocally(
                    ErrorCode.NAME_TAKEN,
                    () ->
                        RegistryAdmin.createAdmin(
                            data, "ROOT", ADMIN_PASSWORD, registry.config().hasher()))
                .getMessage())
        .isEqualTo("there is an admin named ROOT already");
    refusedLocally(
        ErrorCode.INVALID_NAME,
        () ->
            RegistryAdmin.createAdmin(
                data, "no spaces", ADMIN_PASSWORD, registry.config().hasher()));
    refusedLocally(
        ErrorCode.INVALID_PASSWORD,
        () -> RegistryAdmin.createAdmin(data, "admin2", "short", registry.config().hasher()));
  }
}
