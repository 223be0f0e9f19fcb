package p2pchat.protocol.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import p2pchat.protocol.message.AdminMessage.AdminLogin;
import p2pchat.protocol.message.AdminMessage.Ban;
import p2pchat.protocol.message.AdminMessage.FollowLog;
import p2pchat.protocol.message.AdminMessage.History;
import p2pchat.protocol.message.AdminMessage.HistoryEntry;
import p2pchat.protocol.message.AdminMessage.HistoryPage;
import p2pchat.protocol.message.AdminMessage.Kick;
import p2pchat.protocol.message.AdminMessage.ListSessions;
import p2pchat.protocol.message.AdminMessage.LogLine;
import p2pchat.protocol.message.AdminMessage.SessionInfo;
import p2pchat.protocol.message.AdminMessage.SessionsPage;
import p2pchat.protocol.message.AdminMessage.Unban;
import p2pchat.protocol.message.Message;

/** Samples of every administration message. */
final class AdminSamples {
  private AdminSamples() {}

  static List<Message> all() {
    List<Message> all = new ArrayList<>();
    all.add(new AdminLogin(1, "root", "operator secret"));
    all.add(new ListSessions(2));
    all.add(new Kick(3, "mallory", "spamming"));
    all.add(new Ban(4, "mallory", ""));
    all.add(new Unban(5, "mallory"));
    all.add(new History(6, "alice", Integer.MAX_VALUE));
    all.add(new FollowLog(7));
    Instant t = Instant.ofEpochMilli(1_700_000_000_123L);
    all.add(
        new SessionsPage(
            2,
            List.of(
                new SessionInfo(
                    -1L, "alice", "192.0.2.7", 51234, 40000, SampleMessages.peerId(3), true, t, t),
                new SessionInfo(
                    42L,
                    SampleMessages.LONGEST_HOST,
                    "::1",
                    0,
                    65535,
                    SampleMessages.peerId(4),
                    false,
                    t,
                    t)),
            false));
    all.add(new SessionsPage(2, List.of(), true));
    all.add(
        new HistoryPage(
            6,
            List.of(new HistoryEntry(t, 7L, "Login", "name=alice, listenPort=40000", "ok")),
            true));
    all.add(new HistoryPage(6, List.of(), false));
    all.add(
        new LogLine(7, "2026-11-21 06:00:00.000 session=00 user=alice request=Lookup outcome=ok"));
    return all;
  }
}
