package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.AdminClient;
import p2pchat.registry.client.RegistryClient;
import p2pchat.registry.client.RegistryException;
import p2pchat.registry.client.RegistryListener;

/**
 * A name or search term with an escape sequence and a line break in it makes one request-log line,
 * in the log and for a follower alike, with those characters made visible: it cannot forge a second
 * line nor reach the operator's terminal as a command.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class RequestLogControlCharactersTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** Sets the window title, clears the screen, and starts a line that looks like a kick. */
  private static final String HOSTILE =
      "eve\u001b]0;pwned\u0007\u001b[2J\r\n"
          + "2026-11-21 06:51:24.913 session=e9f2de0f592802b5 user=admin:root request=Kick\u202E";

  private static final String SHOWN =
      "eve\\e]0;pwned\\x07\\e[2J\\r\\n"
          + "2026-11-21 06:51:24.913 session=e9f2de0f592802b5 user=admin:root request=Kick\\u202e";

  @TempDir Path data;

  private final Logger requests = (Logger) LoggerFactory.getLogger("p2pchat.registry.requests");
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private Level requestsLevel;
  private RegistryFixture registry;

  @BeforeEach
  void start() throws Exception {
    requestsLevel = requests.getLevel();
    logged.start();
    requests.setLevel(Level.INFO);
    requests.addAppender(logged);
    registry = new RegistryFixture(data);
    registry.createAdmin("root");
  }

  @AfterEach
  void stop() {
    registry.close();
    requests.detachAppender(logged);
    requests.setLevel(requestsLevel);
    logged.stop();
  }

  @Test
  void aHostileNameOrSearchTermMakesOneLineWithItsControlCharactersShown() throws Exception {
    List<String> followed = new CopyOnWriteArrayList<>();
    AdminClient root = registry.admin("root");
    root.follow(followed::add);
    await().atMost(WAIT).until(() -> followed.stream().anyMatch(l -> l.contains("FollowLog")));

    RegistryClient eve = registry.connect(RegistryListener.NONE);
    assertThatThrownBy(() -> eve.register(HOSTILE, RegistryFixture.PASSWORD))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_NAME));
    RegistryClient alice = registry.online("alice", RegistryListener.NONE);
    alice.searchFiles("song" + HOSTILE);

    await()
        .atMost(WAIT)
        .until(() -> followed.stream().anyMatch(l -> l.contains("request=SearchFiles[")));
    List<String> lines = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    for (List<String> source : List.of(lines, followed)) {
      assertThat(source)
          .filteredOn(l -> l.contains("request=Register[requestId=1, name=eve"))
          .singleElement()
          .satisfies(l -> assertThat(l).contains("name=" + SHOWN + ", password=***]"));
      assertThat(source)
          .filteredOn(l -> l.contains("request=SearchFiles["))
          .singleElement()
          .satisfies(l -> assertThat(l).contains("song" + SHOWN));
      // no line of either holds the characters themselves; each forged "line" is inside another
      assertThat(source)
          .allSatisfy(l -> assertThat(l).doesNotContain("\u001b", "\r", "\n", "\u0007", "\u202E"));
      assertThat(source).noneMatch(l -> l.startsWith("2026-11-21 06:51:24.913 session="));
    }
  }
}
