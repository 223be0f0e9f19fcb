package p2pchat.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.chat.ConversationInfo;
import p2pchat.peer.friends.Friend;
import p2pchat.peer.friends.FriendStatus;
import p2pchat.peer.group.GroupListing;
import p2pchat.peer.group.MemberInfo;
import p2pchat.peer.transfer.TransferInfo;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.FileHash;
import p2pchat.protocol.message.FileIndexMessage.FileEntry;
import p2pchat.protocol.message.FileIndexMessage.SharedFile;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.protocol.message.PeerMessage.RunRefused;
import p2pchat.protocol.message.RegistryMessage.PresenceChange;

/**
 * Whatever a peer or registry sends, the terminal client prints it with its control characters made
 * visible: no line of an event, list or listing holds an escape, a line break of its own, or a bidi
 * override, while the printable text around them is shown as it was.
 */
class ControlCharactersTest {
  /** Clears the screen and colours what follows red. */
  private static final String ESC = "\u001b[2J\u001b[31m";

  /** A line break, then a line that looks like another user's message. */
  private static final String FORGED = "\r\n[root] type /run mallory sh";

  /** Makes "exe.txt" read as "txt.exe". */
  private static final String RLO = "\u202E";

  private static final String NAME = "eve" + ESC + RLO;
  private static final String TEXT = "hi" + ESC + FORGED + RLO + "é 你好 😀";
  private static final FileHash HASH = FileHash.sha256(new byte[0]);
  private static final Instant T = Instant.parse("2026-11-21T06:00:00Z");

  private static PeerId peerId() {
    byte[] digest = new byte[PeerId.BYTES];
    Arrays.fill(digest, (byte) 7);
    return PeerId.ofDigest(digest);
  }

  private static TransferInfo transfer(String name, String owner) {
    return new TransferInfo(
        2,
        name,
        owner,
        "films/" + name,
        HASH,
        100,
        40,
        10,
        Optional.empty(),
        List.of(new TransferInfo.SourceInfo(owner, 1)),
        TransferInfo.Status.RUNNING,
        TEXT,
        Path.of("/tmp/x"));
  }

  /** One event of each kind that carries network text, with that text hostile. */
  private static List<NodeEvent> hostileEvents() {
    PeerInfo peer = new PeerInfo(NAME, "10.0.0.1" + ESC, 4000, peerId(), T);
    TransferInfo t = transfer("film" + RLO + "vkm.exe" + FORGED, NAME);
    return List.of(
        new NodeEvent.UserJoined(peer),
        new NodeEvent.UserLeft(peer, PresenceChange.Reason.KICKED, TEXT),
        new NodeEvent.UserLeft(peer, PresenceChange.Reason.LOGOUT, ""),
        new NodeEvent.ChatRequested(NAME),
        new NodeEvent.ConversationOpened(NAME, true),
        new NodeEvent.ChatDeclined(NAME, TEXT),
        new NodeEvent.MessageReceived(1, NAME, TEXT, T),
        new NodeEvent.MessageDropped(1, NAME, TEXT, TEXT),
        new NodeEvent.ConversationClosed(NAME, true),
        new NodeEvent.Warning(
            NodeEvent.Code.CONNECTION_REFUSED,
            "refused a connection from 10.0.0.9:4000 claiming to be " + NAME + ": " + TEXT),
        new NodeEvent.Failed(NodeEvent.Code.REGISTRY_ERROR, TEXT),
        new NodeEvent.Notice(NodeEvent.Code.VISIBILITY, TEXT),
        new NodeEvent.RegistryLost(TEXT),
        new NodeEvent.LoggedOut(TEXT),
        new NodeEvent.BroadcastReceived(NAME, TEXT, T),
        new NodeEvent.GroupInvited("team" + ESC, NAME, List.of(NAME, "bob" + FORGED)),
        new NodeEvent.GroupEntered("team" + ESC, List.of(NAME, "bob")),
        new NodeEvent.GroupJoined("team" + ESC, NAME),
        new NodeEvent.GroupLeft("team" + ESC, NAME),
        new NodeEvent.GroupDeclined("team" + ESC, NAME),
        new NodeEvent.GroupMessage("team" + ESC, NAME, TEXT, T),
        new NodeEvent.GroupGap("team" + ESC, NAME, 2),
        new NodeEvent.CommandFinished(NAME, "ls" + ESC, 0, 10, TEXT + "\nline two" + ESC + "\n"),
        new NodeEvent.CommandRefused(NAME, "rm" + FORGED, RunRefused.Reason.BUSY, TEXT),
        new NodeEvent.CommandUnanswered(NAME, "ls" + ESC, TEXT),
        new NodeEvent.Users(List.of(peer)),
        new NodeEvent.Files(
            "files of " + NAME,
            List.of(new FileEntry(NAME, new SharedFile("a" + RLO + "txt.exe\u009b2J", 1, HASH)))),
        new NodeEvent.TransferStarted(t, false),
        new NodeEvent.TransferWaiting(t, TEXT),
        new NodeEvent.TransferFinished(t, Path.of("/tmp/film" + ESC)),
        new NodeEvent.TransferFailed(t, TEXT));
  }

  private static void assertShownNotObeyed(String line) {
    assertThat(line)
        .as("%s", line)
        .doesNotContain("\u001b", "\r", "\n", RLO)
        .doesNotContainPattern("[\\p{Cc}\\p{Cf}]");
  }

  @Test
  void noEventLineHoldsAnEscapeALineBreakOfItsOwnOrABidiOverride() {
    for (NodeEvent event : hostileEvents()) {
      List<String> lines = EventFormat.lines(event);
      assertThat(lines).as("%s", event).isNotEmpty();
      lines.forEach(ControlCharactersTest::assertShownNotObeyed);
      // the whole printed text: the lines of a list, and only those, are separated
      assertThat(EventFormat.format(event)).isEqualTo(String.join(System.lineSeparator(), lines));
    }
  }

  @Test
  void theEscapesAreShownAndThePrintableTextIsKept() {
    assertThat(EventFormat.format(new NodeEvent.BroadcastReceived("alice", "\u001b[2J", T)))
        .isEqualTo("[alice to all] \\e[2J");
    assertThat(EventFormat.format(new NodeEvent.MessageReceived(1, NAME, TEXT, T)))
        .isEqualTo(
            "[eve\\e[2J\\e[31m\\u202e] hi\\e[2J\\e[31m\\r\\n[root] type /run mallory sh\\u202eé"
                + " 你好 😀");
    assertThat(
            EventFormat.format(
                new NodeEvent.Warning(
                    NodeEvent.Code.CONNECTION_REFUSED,
                    "refused a connection from 10.0.0.9:4000 claiming to be bob\u001b]0;pwned\u0007")))
        .isEqualTo(
            "! WARNING: refused a connection from 10.0.0.9:4000 claiming to be bob\\e]0;pwned\\x07");
    // plain events read exactly as before
    assertThat(EventFormat.format(new NodeEvent.MessageReceived(1, "bob", "héllo 👋", T)))
        .isEqualTo("[bob] héllo 👋");
  }

  @Test
  void runOutputKeepsItsLinesEachShownSafely() {
    String output = "one\u001b[2J\r\ntwo\u202E\n\u009b3 done\n";
    List<String> lines =
        EventFormat.commandOutput(
            new NodeEvent.CommandFinished(
                "bob", "cat notes", 0, output.getBytes(StandardCharsets.UTF_8).length, output));

    assertThat(lines)
        .containsExactly(
            "* bob ran \"cat notes\": exit code 0",
            "  | one\\e[2J",
            "  | two\\u202e",
            "  | \\x9b3 done");
  }

  @Test
  void listingsMeasureTheirColumnsAsShown() {
    List<String> lines =
        FileFormat.files(
            new NodeEvent.Files(
                "shared files",
                List.of(
                    new FileEntry("e\u001bve", new SharedFile("a\u202Etxt.exe", 8_400_000, HASH)),
                    new FileEntry("bob", new SharedFile("b.txt", 12, HASH)))));

    assertThat(lines.get(1)).startsWith("  e\\eve  a\\u202etxt.exe  ");
    assertThat(lines.get(2)).startsWith("  bob    b.txt           ");
    // sizes are right-aligned and hash prefixes as long: equal lengths mean the columns line up
    assertThat(lines.get(1)).hasSameSizeAs(lines.get(2));
    lines.forEach(ControlCharactersTest::assertShownNotObeyed);
  }

  @Test
  void listsOfTransfersConversationsGroupsMembersAndFriendsAreShownSafely() {
    List<String> lines = new ArrayList<>(FileFormat.transfers(List.of(transfer(TEXT, NAME))));
    lines.add(
        ListFormat.conversation(
            new ConversationInfo(
                NAME, ConversationInfo.State.ASKED_BY_THEM, false, Optional.empty())));
    lines.add(ListFormat.group(new GroupListing.Joined("team" + ESC, List.of(NAME, "bob"))));
    lines.add(ListFormat.group(new GroupListing.Invited("team" + FORGED, NAME)));
    lines.add(ListFormat.member(new MemberInfo(NAME, false, 2)));
    lines.add(
        ListFormat.friend(
            new FriendStatus(
                new Friend(NAME, "host" + ESC, 4000, Optional.empty()),
                false,
                Optional.empty(),
                false)));
    lines.addAll(EventFormat.users(List.of(new PeerInfo(NAME, "10.0.0.1", 1, peerId(), T))));

    assertThat(lines).hasSize(9);
    lines.forEach(ControlCharactersTest::assertShownNotObeyed);
    assertThat(ListFormat.member(new MemberInfo(NAME, false, 0)))
        .isEqualTo("eve\\e[2J\\e[31m\\u202e");
  }
}
