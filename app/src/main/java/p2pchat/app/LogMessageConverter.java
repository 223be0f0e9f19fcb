package p2pchat.app;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import p2pchat.protocol.text.Untrusted;

/**
 * A log line's message ({@code %safemsg} in {@code logback.xml}) with its control characters made
 * visible: many lines quote a name, a path or a reason that came from the network, and none of them
 * may start a forged line or reach the terminal as an escape sequence.
 */
public final class LogMessageConverter extends MessageConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return Untrusted.show(super.convert(event));
  }
}
