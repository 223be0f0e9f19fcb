package p2pchat.app.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import p2pchat.protocol.message.AdminMessage.HistoryEntry;
import p2pchat.protocol.message.AdminMessage.SessionInfo;
import p2pchat.protocol.text.Untrusted;

/**
 * How the admin command line and the registry's console show sessions and history: tables with a
 * header and aligned columns, the same in both, with control characters in names, requests and
 * outcomes made visible.
 */
public final class AdminFormat {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  /** Widest a column is padded to; a longer value runs over, the rest of the row shifts. */
  private static final int MAX_COLUMN = 60;

  private AdminFormat() {}

  /** The session table, as of {@code now} (for how long ago each was heard from). */
  public static List<String> sessions(List<SessionInfo> sessions, Instant now) {
    if (sessions.isEmpty()) {
      return List.of("no sessions: nobody is logged in");
    }
    List<List<String>> rows = new ArrayList<>();
    for (SessionInfo s : sessions) {
      rows.add(
          List.of(
              HexFormat.of().toHexDigits(s.sessionId()),
              s.name(),
              s.host() + ":" + s.port(),
              Integer.toString(s.listenPort()),
              s.visible() ? "yes" : "no",
              TIME.format(s.since()),
              ago(Duration.between(s.lastHeard(), now)),
              s.peerId().toString()));
    }
    List<String> lines =
        table(
            List.of(
                "SESSION", "USER", "ADDRESS", "LISTEN", "VISIBLE", "SINCE", "LAST HEARD", "PEERID"),
            rows);
    lines.add(
        sessions.size()
            + (sessions.size() == 1 ? " session" : " sessions")
            + " ("
            + visible(sessions)
            + " visible)");
    return lines;
  }

  /** {@code name}'s history table, newest first as given. */
  public static List<String> history(String name, List<HistoryEntry> entries) {
    if (entries.isEmpty()) {
      return List.of(Untrusted.show("no requests recorded for " + name));
    }
    List<List<String>> rows = new ArrayList<>();
    for (HistoryEntry e : entries) {
      rows.add(
          List.of(
              TIME.format(e.at()),
              HexFormat.of().toHexDigits(e.sessionId()),
              e.request(),
              e.arguments().isEmpty() ? "-" : e.arguments(),
              e.outcome()));
    }
    return table(List.of("TIME", "SESSION", "REQUEST", "ARGUMENTS", "OUTCOME"), rows);
  }

  /**
   * Rows under a header, each column as wide as its widest value (up to a limit), every cell with
   * its control characters made visible before it is measured.
   */
  static List<String> table(List<String> header, List<List<String>> cells) {
    List<List<String>> rows =
        cells.stream().map(row -> row.stream().map(Untrusted::show).toList()).toList();
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.min(MAX_COLUMN, Math.max(widths[i], row.get(i).length()));
      }
    }
    List<String> lines = new ArrayList<>(rows.size() + 2);
    lines.add(line(header, widths));
    rows.forEach(row -> lines.add(line(row, widths)));
    return lines;
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      out.append(cell);
      if (i < cells.size() - 1) {
        out.append(" ".repeat(Math.max(0, widths[i] - cell.length()) + 2));
      }
    }
    return out.toString();
  }

  private static long visible(List<SessionInfo> sessions) {
    return sessions.stream().filter(SessionInfo::visible).count();
  }

  private static String ago(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 120) {
      return s + " s ago";
    }
    if (s < 7200) {
      return s / 60 + " min ago";
    }
    return s / 3600 + " h ago";
  }
}
