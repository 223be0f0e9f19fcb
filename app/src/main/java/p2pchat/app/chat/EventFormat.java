package p2pchat.app.chat;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import p2pchat.peer.NodeEvent;
import p2pchat.protocol.message.PeerInfo;

/**
 * How the terminal client shows node events: one line each, the same in a terminal and in a pipe.
 * Lines starting {@code [name]} are messages, {@code *} news, {@code !} warnings and {@code error:}
 * failed commands, so that scripts can tell them apart.
 */
final class EventFormat {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

  private EventFormat() {}

  static String format(NodeEvent event) {
    return switch (event) {
      case NodeEvent.LoggedIn e ->
          "* logged in as "
              + e.name()
              + " (PeerId "
              + e.peerId()
              + "), listening on "
              + hostPort(e.listen())
              + ", the registry sees you at "
              + e.observed()
              + "; "
              + onlineSummary(e.online());
      case NodeEvent.UserJoined e -> "* " + e.peer().name() + " is online";
      case NodeEvent.UserLeft e ->
          "* "
              + e.peer().name()
              + " went offline ("
              + e.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ')
              + ")";
      case NodeEvent.Users e -> String.join(System.lineSeparator(), users(e.online()));
      case NodeEvent.ChatRequested e ->
          "* " + e.from() + " asks to chat: /accept " + e.from() + " or /decline " + e.from();
      case NodeEvent.ChatRequestSent e ->
          "* chat request sent to " + e.to() + "; waiting for an answer";
      case NodeEvent.ConversationOpened e ->
          e.theyAccepted()
              ? "* " + e.with() + " accepted your chat request"
              : "* chatting with " + e.with();
      case NodeEvent.ChatDeclined e -> "* " + e.by() + " declined your chat request";
      case NodeEvent.MessageReceived e -> "[" + e.from() + "] " + e.text();
      case NodeEvent.MessageDropped e ->
          "* not delivered to " + e.to() + ": \"" + e.text() + "\" (" + e.why() + ")";
      case NodeEvent.ConversationClosed e ->
          e.byThem()
              ? "* " + e.with() + " closed the conversation"
              : "* conversation with " + e.with() + " closed";
      case NodeEvent.Warning e -> "! WARNING: " + e.text();
      case NodeEvent.Failed e -> "error: " + e.text();
      case NodeEvent.Notice e -> "* " + e.text();
      case NodeEvent.RegistryLost e -> "* " + e.text();
      case NodeEvent.LoggedOut e -> "* logged out: " + e.text() + " (/login to log in again)";
    };
  }

  /** The online list, a header line and one line per user. */
  static List<String> users(List<PeerInfo> online) {
    if (online.isEmpty()) {
      return List.of("nobody else is online");
    }
    List<String> lines = new java.util.ArrayList<>();
    lines.add("online (" + online.size() + "):");
    for (PeerInfo p : online) {
      lines.add(
          "  "
              + p.name()
              + "  "
              + p.host()
              + ":"
              + p.port()
              + "  "
              + p.peerId().shortForm()
              + "  since "
              + TIME.format(p.since()));
    }
    return lines;
  }

  private static String onlineSummary(List<PeerInfo> online) {
    if (online.isEmpty()) {
      return "nobody else is online";
    }
    return "online: " + online.stream().map(PeerInfo::name).collect(Collectors.joining(", "));
  }

  static String hostPort(java.net.InetSocketAddress address) {
    if (address.getAddress().isAnyLocalAddress()) {
      return "port " + address.getPort() + " of every interface";
    }
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }
}
