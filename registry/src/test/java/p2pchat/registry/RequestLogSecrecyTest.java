package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.LoginResult;
import p2pchat.registry.client.RegistryClient;
import p2pchat.registry.client.RegistryException;
import p2pchat.registry.client.RegistryListener;

/**
 * The request log has one line per request naming session, user, request and outcome, and no log
 * line of the registry, at any level, holds a password, right or wrong.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class RequestLogSecrecyTest {
  private static final String PASSWORD = "Zebra-Quasar-93871";
  private static final String WRONG_PASSWORD = "Okapi-Nebula-55210";

  @TempDir Path data;

  private final Logger requests = (Logger) LoggerFactory.getLogger("p2pchat.registry.requests");
  private final Logger registryLogs = (Logger) LoggerFactory.getLogger("p2pchat");
  private final ListAppender<ILoggingEvent> requestLines = new ListAppender<>();
  private final ListAppender<ILoggingEvent> everyLine = new ListAppender<>();
  private Level requestsLevel;
  private Level registryLevel;
  private boolean registryAdditive;

  @BeforeEach
  void attachAppenders() {
    requestsLevel = requests.getLevel();
    registryLevel = registryLogs.getLevel();
    registryAdditive = registryLogs.isAdditive();
    requestLines.start();
    everyLine.start();
    requests.setLevel(Level.INFO);
    requests.addAppender(requestLines);
    // Everything under p2pchat, down to debug, is captured here instead of being printed.
    registryLogs.setLevel(Level.DEBUG);
    registryLogs.setAdditive(false);
    registryLogs.addAppender(everyLine);
  }

  @AfterEach
  void detachAppenders() {
    requests.detachAppender(requestLines);
    requests.setLevel(requestsLevel);
    registryLogs.detachAppender(everyLine);
    registryLogs.setLevel(registryLevel);
    registryLogs.setAdditive(registryAdditive);
    requestLines.stop();
    everyLine.stop();
  }

  @Test
  void oneLinePerRequestAndNeverAPassword() throws Exception {
    String session;
    try (RegistryFixture registry = new RegistryFixture(data)) {
      RegistryClient carol = registry.connect(RegistryListener.NONE);
      carol.register("carol", PASSWORD);
      assertThatThrownBy(() -> carol.login("carol", WRONG_PASSWORD, 40000, true))
          .isInstanceOfSatisfying(
              RegistryException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.WRONG_PASSWORD));
      LoginResult login = carol.login("carol", PASSWORD, 40000, true);
      session = HexFormat.of().toHexDigits(login.sessionId());

      // The line of a request is written just after its answer is sent.
      await().until(() -> linesOf(session).size() >= 3);
    }

    assertThat(linesOf(session))
        .containsExactly(
            "session="
                + session
                + " user=- request=Register[requestId=1, name=carol, password=***] outcome=ok",
            "session="
                + session
                + " user=- request=Login[requestId=2, name=carol, password=***, listenPort=40000,"
                + " visible=true] outcome=WRONG_PASSWORD (wrong password for carol)",
            "session="
                + session
                + " user=carol request=Login[requestId=3, name=carol, password=***,"
                + " listenPort=40000, visible=true] outcome=ok");
    assertThat(everyLine.list).as("lines logged under p2pchat").isNotEmpty();
    assertThat(everyLine.list)
        .allSatisfy(
            event ->
                assertThat(textOf(event))
                    .as("log line %s", event)
                    .doesNotContain(PASSWORD)
                    .doesNotContain(WRONG_PASSWORD));
  }

  private List<String> linesOf(String session) {
    return requestLines.list.stream()
        .map(ILoggingEvent::getFormattedMessage)
        .filter(line -> line.startsWith("session=" + session + " "))
        .toList();
  }

  /** The formatted line, its raw arguments and any exception text: all a log could print. */
  private static String textOf(ILoggingEvent event) {
    StringBuilder text = new StringBuilder(event.getFormattedMessage());
    if (event.getArgumentArray() != null) {
      text.append(' ').append(Arrays.deepToString(event.getArgumentArray()));
    }
    for (var thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
      text.append(' ').append(Objects.toString(thrown.getMessage()));
    }
    return text.toString();
  }
}
