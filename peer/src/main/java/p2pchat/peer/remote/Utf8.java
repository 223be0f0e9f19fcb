package p2pchat.peer.remote;

import java.nio.charset.StandardCharsets;

/** Cutting text to a number of UTF-8 bytes without splitting a character. */
final class Utf8 {
  private Utf8() {}

  /** The longest start of {@code text} whose UTF-8 form has at most {@code maxBytes} bytes. */
  static String cut(String text, int maxBytes) {
    if (text.length() * 3L <= maxBytes
        || text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return text;
    }
    int bytes = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      i += Character.charCount(cp);
    }
    return text.substring(0, i);
  }
}
