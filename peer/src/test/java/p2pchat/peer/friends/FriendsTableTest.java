package p2pchat.peer.friends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;

/** The friends table format: lines, comments, IPv6, PeerIds, and a sentence for each mistake. */
class FriendsTableTest {
  private static final Path FILE = Path.of("friends.txt");
  private static final PeerId BOB = Identity.generate("bob").peerId();

  private static FriendsTable parse(String... lines) throws IOException {
    return FriendsTable.parse(FILE, List.of(lines));
  }

  @Test
  void linesCommentsAndAddressesAreRead() throws IOException {
    FriendsTable table =
        parse(
            "# our friends",
            "",
            "alice 192.168.1.10:7001",
            "  Bob   bob.example.net:7002   " + BOB + "   # bob's laptop",
            "carol [::1]:7003");

    assertThat(table.all())
        .containsExactly(
            new Friend("alice", "192.168.1.10", 7001, Optional.empty()),
            new Friend("Bob", "bob.example.net", 7002, Optional.of(BOB)),
            new Friend("carol", "::1", 7003, Optional.empty()));
    assertThat(table.get("BOB")).map(Friend::name).contains("Bob");
    assertThat(table.get("carol").orElseThrow().hostPort()).isEqualTo("[::1]:7003");
    assertThat(table.get("dave")).isEmpty();
  }

  @Test
  void mistakesNameTheLine() {
    assertThatThrownBy(() -> parse("alice"))
        .isInstanceOf(IOException.class)
        .hasMessage("friends.txt line 1: expected NAME HOST:PORT [PEERID], got \"alice\"");
    assertThatThrownBy(() -> parse("# x", "alice localhost"))
        .hasMessage("friends.txt line 2: \"localhost\" is not HOST:PORT");
    assertThatThrownBy(() -> parse("alice localhost:99999"))
        .hasMessage(
            "friends.txt line 1: \"localhost:99999\" does not end in a port number (0-65535)");
    assertThatThrownBy(() -> parse("al/ice localhost:1"))
        .hasMessageStartingWith("friends.txt line 1: \"al/ice\" is not a user name");
    assertThatThrownBy(() -> parse("alice localhost:1", "ALICE localhost:2"))
        .hasMessage("friends.txt line 2: ALICE is listed twice");
    assertThatThrownBy(() -> parse("alice localhost:1 NOT-A-PEER-ID"))
        .hasMessageStartingWith("friends.txt line 1: a PeerId has 56 characters");
  }

  @Test
  void theUsersOwnLineMustBeThereAndMatchItsProfile() throws IOException {
    FriendsTable table = parse("bob localhost:7002 " + BOB);

    assertThatThrownBy(() -> table.self("alice", BOB))
        .hasMessage(
            "friends.txt has no line for alice: add one (alice HOST:PORT) to say where you listen");
    PeerId other = Identity.generate("x").peerId();
    assertThatThrownBy(() -> table.self("bob", other))
        .hasMessage("friends.txt gives bob the PeerId " + BOB + ", but this profile's is " + other);
    assertThat(table.self("bob", BOB).port()).isEqualTo(7002);
  }

  @Test
  void aLargeTableIsFine() throws IOException {
    String[] lines = new String[100_000];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = "friend" + i + " 10.0." + (i / 250) % 256 + "." + i % 250 + ":7000";
    }

    assertThat(parse(lines).all()).hasSize(100_000);
  }
}
