package p2pchat.peer.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Cutting text to a byte budget never splits a character. */
class Utf8Test {
  @Test
  void cutsAtACharacterBoundary() {
    assertThat(Utf8.cut("héllo", 2)).isEqualTo("h");
    assertThat(Utf8.cut("héllo", 3)).isEqualTo("hé");
    assertThat(Utf8.cut("a🙂b", 4)).isEqualTo("a");
    assertThat(Utf8.cut("a🙂b", 5)).isEqualTo("a🙂");
    assertThat(Utf8.cut("short", 100)).isEqualTo("short");
    String cut = Utf8.cut("€".repeat(30_000), 61_440);
    assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(61_440);
  }
}
