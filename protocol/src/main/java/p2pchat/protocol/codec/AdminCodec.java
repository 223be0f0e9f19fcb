package p2pchat.protocol.codec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import p2pchat.protocol.Limits;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.message.AdminMessage;
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

/** Wire form of {@link AdminMessage}s: types 50-56 (requests) and 60-62 (answers). */
final class AdminCodec {
  private AdminCodec() {}

  static void encode(AdminMessage message, WireWriter w) {
    switch (message) {
      case AdminLogin m -> w.u16(50).i32(m.requestId()).string(m.name()).string(m.password());
      case ListSessions m -> w.u16(51).i32(m.requestId());
      case Kick m -> w.u16(52).i32(m.requestId()).string(m.name()).string(m.reason());
      case Ban m -> w.u16(53).i32(m.requestId()).string(m.name()).string(m.reason());
      case Unban m -> w.u16(54).i32(m.requestId()).string(m.name());
      case History m -> w.u16(55).i32(m.requestId()).string(m.name()).i32(m.limit());
      case FollowLog m -> w.u16(56).i32(m.requestId());
      case SessionsPage m -> {
        w.u16(60).i32(m.requestId()).bool(m.last()).i32(m.sessions().size());
        for (SessionInfo s : m.sessions()) {
          w.i64(s.sessionId())
              .string(s.name())
              .string(s.host())
              .u16(s.port())
              .u16(s.listenPort())
              .peerId(s.peerId())
              .bool(s.visible())
              .i64(s.since().toEpochMilli())
              .i64(s.lastHeard().toEpochMilli());
        }
      }
      case HistoryPage m -> {
        w.u16(61).i32(m.requestId()).bool(m.last()).i32(m.entries().size());
        for (HistoryEntry e : m.entries()) {
          w.i64(e.at().toEpochMilli())
              .i64(e.sessionId())
              .string(e.request())
              .string(e.arguments())
              .string(e.outcome());
        }
      }
      case LogLine m -> w.u16(62).i32(m.requestId()).string(m.line());
    }
  }

  static AdminMessage decode(int type, WireReader r) throws ProtocolException {
    return switch (type) {
      case 50 ->
          new AdminLogin(
              r.i32("requestId"),
              r.string("name", Limits.MAX_HOST_BYTES),
              r.string("password", Limits.MAX_PASSWORD_BYTES));
      case 51 -> new ListSessions(r.i32("requestId"));
      case 52 -> new Kick(r.i32("requestId"), name(r), r.string("reason", Limits.MAX_TEXT_BYTES));
      case 53 -> new Ban(r.i32("requestId"), name(r), r.string("reason", Limits.MAX_TEXT_BYTES));
      case 54 -> new Unban(r.i32("requestId"), name(r));
      case 55 -> new History(r.i32("requestId"), name(r), r.i32("limit"));
      case 56 -> new FollowLog(r.i32("requestId"));
      case 60 -> {
        int requestId = r.i32("requestId");
        boolean last = r.bool("last");
        int count = r.count("sessions", Limits.MAX_PEERS_PER_PAGE);
        List<SessionInfo> sessions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          sessions.add(
              new SessionInfo(
                  r.i64("sessionId"),
                  r.string("session name", Limits.MAX_HOST_BYTES),
                  r.string("session host", Limits.MAX_HOST_BYTES),
                  r.port("session port"),
                  r.port("session listenPort"),
                  r.peerId("session peerId"),
                  r.bool("session visible"),
                  Instant.ofEpochMilli(r.i64("session since")),
                  Instant.ofEpochMilli(r.i64("session lastHeard"))));
        }
        yield new SessionsPage(requestId, sessions, last);
      }
      case 61 -> {
        int requestId = r.i32("requestId");
        boolean last = r.bool("last");
        int count = r.count("entries", Limits.MAX_PEERS_PER_PAGE);
        List<HistoryEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          entries.add(
              new HistoryEntry(
                  Instant.ofEpochMilli(r.i64("entry at")),
                  r.i64("entry sessionId"),
                  r.string("entry request", Limits.MAX_HOST_BYTES),
                  r.string("entry arguments", Limits.MAX_TEXT_BYTES),
                  r.string("entry outcome", Limits.MAX_TEXT_BYTES)));
        }
        yield new HistoryPage(requestId, entries, last);
      }
      case 62 -> new LogLine(r.i32("requestId"), r.string("line", Limits.MAX_TEXT_BYTES));
      default -> null; // a type of this range that this build does not know: skipped
    };
  }

  private static String name(WireReader r) throws ProtocolException {
    return r.string("name", Limits.MAX_HOST_BYTES);
  }
}
