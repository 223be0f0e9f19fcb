package p2pchat.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.AdminMessage.HistoryEntry;
import p2pchat.protocol.message.AdminMessage.SessionInfo;

/** The tables the admin command line and the registry console print. */
class AdminFormatTest {
  private static final Instant T = Instant.parse("2026-11-21T06:00:00Z");

  private static PeerId peerId(int seed) {
    byte[] digest = new byte[PeerId.BYTES];
    Arrays.fill(digest, (byte) seed);
    return PeerId.ofDigest(digest);
  }

  @Test
  void sessionColumnsLineUp() {
    List<String> lines =
        AdminFormat.sessions(
            List.of(
                new SessionInfo(1, "alice", "127.0.0.1", 51234, 40000, peerId(1), true, T, T),
                new SessionInfo(
                    -1,
                    "bartholomew",
                    "2001:db8::1",
                    2,
                    5,
                    peerId(2),
                    false,
                    T,
                    T.minusSeconds(3))),
            T.plusSeconds(10));

    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("SESSION           USER         ADDRESS          LISTEN");
    assertThat(lines.get(1)).startsWith("0000000000000001  alice        127.0.0.1:51234  40000 ");
    assertThat(lines.get(2)).startsWith("ffffffffffffffff  bartholomew  2001:db8::1:2    5     ");
    for (String column : new String[] {"VISIBLE", "SINCE", "LAST HEARD", "PEERID"}) {
      int at = lines.get(0).indexOf(column);
      assertThat(lines.get(1).charAt(at - 1)).as(column).isEqualTo(' ');
      assertThat(lines.get(1).charAt(at)).as(column).isNotEqualTo(' ');
      assertThat(lines.get(2).charAt(at)).as(column).isNotEqualTo(' ');
    }
    assertThat(lines.get(1)).contains(" 10 s ago ").endsWith(peerId(1).toString());
    assertThat(lines.get(2)).contains(" no ").contains(" 13 s ago ");
    assertThat(lines.get(3)).isEqualTo("2 sessions (1 visible)");
  }

  @Test
  void historyRowsLineUpAndEmptyArgumentsShowAsADash() {
    List<String> lines =
        AdminFormat.history(
            "alice",
            List.of(
                new HistoryEntry(T, 7, "ListOnline", "", "ok"),
                new HistoryEntry(
                    T, 7, "Login", "name=alice, listenPort=40000, visible=true", "ok")));

    assertThat(lines).hasSize(3);
    int arguments = lines.get(0).indexOf("ARGUMENTS");
    assertThat(lines.get(1).substring(arguments)).startsWith("-  ");
    assertThat(lines.get(2).substring(arguments)).startsWith("name=alice, listenPort=40000");
    assertThat(lines.get(1).indexOf("ok")).isEqualTo(lines.get(0).indexOf("OUTCOME"));
  }

  @Test
  void controlCharactersInNamesArgumentsAndOutcomesAreShownAndMeasuredAsShown() {
    List<String> sessions =
        AdminFormat.sessions(
            List.of(
                new SessionInfo(1, "e\u001b[2Jve", "127.0.0.1", 1, 2, peerId(1), true, T, T),
                new SessionInfo(2, "bob", "127.0.0.1", 1, 2, peerId(2), true, T, T)),
            T);
    List<String> history =
        AdminFormat.history(
            "eve",
            List.of(
                new HistoryEntry(
                    T, 7, "Register", "name=eve\r\nforged\u202E", "INVALID_NAME: \u009b2J"),
                new HistoryEntry(T, 7, "Login", "name=bob", "ok")));

    assertThat(sessions.get(1)).startsWith("0000000000000001  e\\e[2Jve  127.0.0.1:1");
    assertThat(sessions.get(2)).startsWith("0000000000000002  bob       127.0.0.1:1");
    assertThat(history.get(1))
        .contains("  Register  name=eve\\r\\nforged\\u202e  INVALID_NAME: \\x9b2J");
    assertThat(history.get(2).indexOf("ok")).isEqualTo(history.get(0).indexOf("OUTCOME"));
    assertThat(sessions).hasSize(4);
    assertThat(history).hasSize(3);
    for (String line : sessions) {
      assertThat(line).doesNotContainPattern("[\\p{Cc}\\p{Cf}]");
    }
    for (String line : history) {
      assertThat(line).doesNotContainPattern("[\\p{Cc}\\p{Cf}]");
    }
  }

  @Test
  void emptyListsSaySo() {
    assertThat(AdminFormat.sessions(List.of(), T))
        .containsExactly("no sessions: nobody is logged in");
    assertThat(AdminFormat.history("bob", List.of()))
        .containsExactly("no requests recorded for bob");
  }
}
