package p2pchat.protocol.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Control and hiding characters come out as visible escapes; printable text comes out as it is. */
class UntrustedTest {
  @Test
  void terminalSequencesAreShownNotInterpreted() {
    assertThat(Untrusted.show("plain \u001b[31mRED\u001b[0m \u001b[2J"))
        .isEqualTo("plain \\e[31mRED\\e[0m \\e[2J");
    // a window title (OSC ... BEL) and the 8-bit CSI
    assertThat(Untrusted.show("\u001b]0;owned\u0007\u009b2J")).isEqualTo("\\e]0;owned\\x07\\x9b2J");
  }

  @Test
  void lineBreaksCannotStartAForgedLine() {
    assertThat(Untrusted.show("hi\r\n12:00 [bob] send me your password"))
        .isEqualTo("hi\\r\\n12:00 [bob] send me your password")
        .doesNotContain("\n", "\r");
    assertThat(Untrusted.show("a\u0085b\u2028c\u2029d\u000bE\u000cF"))
        .isEqualTo("a\\x85b\\u2028c\\u2029d\\x0bE\\x0cF");
  }

  @Test
  void everyC0ControlAndDelAndC1ControlIsEscaped() {
    for (int c :
        IntStream.concat(IntStream.range(0, 0x20), IntStream.rangeClosed(0x7f, 0x9f)).toArray()) {
      String shown = Untrusted.show("<" + (char) c + ">");
      assertThat(shown).as("U+%04X", c).startsWith("<\\").endsWith(">").hasSizeGreaterThan(3);
      assertThat(shown.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f)).as("U+%04X", c).isTrue();
    }
    assertThat(Untrusted.show("\u0000\t\u001f\u007f\u0080")).isEqualTo("\\x00\\t\\x1f\\x7f\\x80");
  }

  @ParameterizedTest
  @ValueSource(
      ints = {
        0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F,
        0x061C, 0xFEFF, 0x200B, 0x2060, 0x00AD, 0xFFF9
      })
  void bidiControlsAndInvisibleFormatCharactersAreEscaped(int c) {
    String shown = Untrusted.show("a" + Character.toString(c) + "b");
    assertThat(shown).isNotEqualTo("a" + Character.toString(c) + "b");
    assertThat(shown).matches("a\\\\(x[0-9a-f]{2}|u[0-9a-f]{4})b");
  }

  @Test
  void theRightToLeftOverrideIsNamedByItsCodePoint() {
    // "invoice_\u202Efdp.exe" would read as "invoice_exe.pdf"
    assertThat(Untrusted.show("invoice_\u202Efdp.exe")).isEqualTo("invoice_\\u202efdp.exe");
    // a format character beyond the BMP, and a lone surrogate
    assertThat(Untrusted.show("x\uDB40\uDC01y\uD800z")).isEqualTo("x\\U000e0001y\\ud800z");
  }

  @Test
  void printableTextIsReturnedAsItIs() {
    String text =
        "Grüße, Zoë! 你好，世界 こんにちは Привет مرحبا שלום 😀 👍🏽 👨\u200D👩\u200D👧 🇩🇪"
            + " ❤\uFE0F नमस्ते می\u200Cخواهم \\e[2J ~`!@#$%^&*()_+-={}[]|\\:;\"'<>,.?/";
    assertThat(Untrusted.show(text)).isSameAs(text);
    assertThat(Untrusted.show("")).isEmpty();
  }

  @Test
  void emojiTagSequencesKeepTheirTagsButStrayTagsAreEscaped() {
    String scotland =
        "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F";
    assertThat(Untrusted.show("flag " + scotland + "!")).isEqualTo("flag " + scotland + "!");
    // tags smuggling "hi" after plain text are not shown as nothing
    assertThat(Untrusted.show("ok\uDB40\uDC68\uDB40\uDC69")).isEqualTo("ok\\U000e0068\\U000e0069");
  }

  @Test
  void aLongTextIsEscapedWhollyAndInOnePass() {
    String unit = "abc\u001b[2Jé😀\n";
    String text = unit.repeat(100_000);
    String shown = Untrusted.show(text);
    assertThat(shown).isEqualTo("abc\\e[2Jé😀\\n".repeat(100_000));
    assertThat(shown).doesNotContain("\u001b", "\n");
    String clean = "x".repeat(1_000_000);
    assertThat(Untrusted.show(clean)).isSameAs(clean);
  }

  @Test
  void showingTwiceChangesNothingMore() {
    String once = Untrusted.show("\u001b[2J\u202E\r\n\u0000\uDB40\uDC01");
    assertThat(Untrusted.show(once)).isSameAs(once);
  }
}
