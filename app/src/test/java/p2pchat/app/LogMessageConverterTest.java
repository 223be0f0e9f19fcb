package p2pchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every log line the launcher prints shows the control characters of its message made visible. */
class LogMessageConverterTest {
  @Test
  void aMessageQuotingNetworkTextShowsItsControlCharacters() {
    LoggingEvent event =
        new LoggingEvent(
            LogMessageConverterTest.class.getName(),
            new LoggerContext().getLogger("p2pchat.peer"),
            Level.WARN,
            "refused a file connection from {}: {}",
            null,
            new Object[] {"eve\u001b[2J", "bad\r\n2026-11-21 forged line\u202E"});

    assertThat(new LogMessageConverter().convert(event))
        .isEqualTo(
            "refused a file connection from eve\\e[2J: bad\\r\\n2026-11-21 forged line\\u202e");
  }

  @Test
  void theShippedConfigurationPrintsEveryMessageThroughIt() throws Exception {
    String config;
    try (InputStream in = LogMessageConverterTest.class.getResourceAsStream("/logback.xml")) {
      config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(config)
        .contains(
            "<conversionRule conversionWord=\"safemsg\" class=\""
                + LogMessageConverter.class.getName()
                + "\"/>")
        .doesNotContain("%msg", "%m%", "%message");
    assertThat(config.split("<pattern>", -1)).hasSize(3);
    assertThat(config.split("%safemsg", -1)).hasSize(3);
  }
}
