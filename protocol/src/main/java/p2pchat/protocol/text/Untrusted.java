package p2pchat.protocol.text;

/**
 * Text from the network made safe to print on a terminal or into a log: every character a terminal
 * would interpret or that hides or reorders text is shown as a visible escape, and everything
 * printable (accents, CJK, emoji) is left as it is.
 *
 * <p>Escaped: the C0 controls, DEL and the C1 controls ({@code \t}, {@code \n}, {@code \r}, {@code
 * \e} for ESC, {@code \xHH} for the others), so that no text starts a line, moves the cursor,
 * clears the screen or sets a window title; the Unicode format characters, among them the bidi
 * marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to
 * U+2069) and U+FEFF, which make text read in another order than it is written or hide it (a
 * backslash, {@code u} and four hex digits; {@code U} and eight beyond the BMP); the line and
 * paragraph separators U+2028 and U+2029, which some viewers break lines at; and a lone surrogate.
 * Kept: the zero-width joiner and non-joiner (emoji sequences and many scripts need them) and the
 * tag characters of an emoji tag sequence (the flags of Scotland or Wales). A backslash is left
 * alone: a text that writes {@code \e} itself shows the same, harmlessly.
 */
public final class Untrusted {
  private static final int ZWNJ = 0x200C;
  private static final int ZWJ = 0x200D;
  private static final int BLACK_FLAG = 0x1F3F4;
  private static final int FIRST_TAG = 0xE0020;
  private static final int CANCEL_TAG = 0xE007F;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Untrusted() {}

  /** {@code text} with its control and hiding characters made visible; itself if it has none. */
  public static String show(String text) {
    StringBuilder out = null;
    boolean inTagSequence = false;
    int i = 0;
    while (i < text.length()) {
      int c = text.codePointAt(i);
      int next = i + Character.charCount(c);
      boolean tag = c >= FIRST_TAG && c <= CANCEL_TAG;
      boolean safe = tag ? inTagSequence : safe(c);
      // An emoji tag sequence is a black flag, tags, and the cancel tag that ends it.
      inTagSequence = c == BLACK_FLAG || (inTagSequence && tag && c != CANCEL_TAG);
      if (!safe) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        escape(c, out);
      } else if (out != null) {
        out.append(text, i, next);
      }
      i = next;
    }
    return out == null ? text : out.toString();
  }

  private static boolean safe(int c) {
    if (c < 0x7F) {
      return c >= 0x20; // the common case, printable ASCII, decided at once
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE ->
          false;
      case Character.FORMAT -> c == ZWNJ || c == ZWJ;
      default -> true;
    };
  }

  private static void escape(int c, StringBuilder out) {
    switch (c) {
      case '\t' -> out.append("\\t");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case 0x1B -> out.append("\\e");
      default -> {
        if (c <= 0xFF) {
          hex(out.append("\\x"), c, 2);
        } else if (c <= 0xFFFF) {
          hex(out.append("\\u"), c, 4);
        } else {
          hex(out.append("\\U"), c, 8);
        }
      }
    }
  }

  private static void hex(StringBuilder out, int c, int digits) {
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
      out.append(HEX[(c >> shift) & 0xF]);
    }
  }
}
