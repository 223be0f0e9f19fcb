package p2pchat.protocol.message;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Argument checks for message constructors, so that nothing is built that cannot be sent. */
final class Checks {
  private Checks() {}

  static void text(String value, String field, int maxBytes) {
    Objects.requireNonNull(value, field);
    // A UTF-8 byte count is at most 3 per UTF-16 char; skip the encoding for short strings.
    if (value.length() * 3 > maxBytes && value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      throw new IllegalArgumentException(field + " is longer than " + maxBytes + " bytes");
    }
  }

  static void port(int port, String field) {
    if (port < 0 || port > 0xffff) {
      throw new IllegalArgumentException(field + " " + port + " is not a port number");
    }
  }
}
