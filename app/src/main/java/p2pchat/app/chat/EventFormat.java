package p2pchat.app.chat;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import p2pchat.peer.NodeEvent;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.protocol.message.RegistryMessage.PresenceChange;

/**
 * How the terminal client shows node events: one line each, the same in a terminal and in a pipe.
 * Lines starting {@code [name]} are messages, {@code *} news, {@code !} warnings and {@code error:}
 * failed commands, so that scripts can tell them apart. A message this user sent shows no line (it
 * was typed already).
 */
final class EventFormat {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

  private EventFormat() {}

  /** The line {@code event} shows, if it shows one. */
  static Optional<String> line(NodeEvent event) {
    return event instanceof NodeEvent.MessageSent ? Optional.empty() : Optional.of(format(event));
  }

  /** The line {@code event} shows ({@link NodeEvent.MessageSent}: its text). */
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
      case NodeEvent.UserLeft e when e.reason() == PresenceChange.Reason.KICKED ->
          "* "
              + e.peer().name()
              + " was kicked by an operator"
              + (e.note().isBlank() ? "" : ": " + e.note());
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
      case NodeEvent.MessageSent e -> e.text();
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
      case NodeEvent.ServerlessStarted e ->
          "* serverless as "
              + e.name()
              + " (PeerId "
              + e.peerId()
              + "), listening on "
              + hostPort(e.listen())
              + "; friends: "
              + (e.friends().isEmpty() ? "none" : String.join(", ", e.friends()));
      case NodeEvent.BroadcastReceived e -> "[" + e.from() + " to all] " + e.text();
      case NodeEvent.GroupInvited e ->
          "* "
              + e.from()
              + " invites you into group #"
              + e.group()
              + " (members: "
              + String.join(", ", e.members())
              + "): /group accept "
              + e.group()
              + " or /group decline "
              + e.group();
      case NodeEvent.GroupEntered e ->
          e.members().size() <= 1
              ? "* you are in group #"
                  + e.group()
                  + " (just you: /group invite "
                  + e.group()
                  + " NAME)"
              : "* you are in group #" + e.group() + " with " + String.join(", ", e.members());
      case NodeEvent.GroupJoined e -> "* #" + e.group() + ": " + e.member() + " joined";
      case NodeEvent.GroupLeft e -> "* #" + e.group() + ": " + e.member() + " left";
      case NodeEvent.GroupDeclined e ->
          "* #" + e.group() + ": " + e.by() + " declined your invitation";
      case NodeEvent.GroupMessage e -> "[#" + e.group() + " " + e.from() + "] " + e.text();
      case NodeEvent.GroupGap e ->
          "* #"
              + e.group()
              + ": "
              + e.missed()
              + (e.missed() == 1 ? " message" : " messages")
              + " from "
              + e.from()
              + " never arrived";
      case NodeEvent.CommandFinished e -> String.join(System.lineSeparator(), commandOutput(e));
      case NodeEvent.Files e -> String.join(System.lineSeparator(), FileFormat.files(e));
      case NodeEvent.TransferStarted e -> FileFormat.started(e);
      case NodeEvent.TransferWaiting e -> FileFormat.waiting(e);
      case NodeEvent.TransferFinished e -> FileFormat.finished(e);
      case NodeEvent.TransferFailed e -> FileFormat.failed(e);
      case NodeEvent.CommandUnanswered e ->
          "error: \""
              + e.command()
              + "\" on "
              + e.on()
              + ": "
              + e.why()
              + " (it may or may not have run there)";
      case NodeEvent.CommandRefused e ->
          "error: "
              + e.on()
              + " did not run \""
              + e.command()
              + "\": "
              + e.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ')
              + " ("
              + e.text()
              + ")";
    };
  }

  /** A remote command's result: a header line, then each output line indented by "| ". */
  static List<String> commandOutput(NodeEvent.CommandFinished e) {
    List<String> lines = new java.util.ArrayList<>();
    lines.add("* " + e.on() + " ran \"" + e.command() + "\": exit code " + e.exitCode());
    String output = e.output();
    if (!output.isEmpty()) {
      for (String line : output.split("\\R", -1)) {
        lines.add("  | " + line);
      }
      if (output.endsWith("\n")) {
        lines.remove(lines.size() - 1);
      }
    }
    long shown = output.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (e.outputBytes() > shown) {
      lines.add(
          "  (output cut: it wrote "
              + e.outputBytes()
              + " bytes, the first "
              + shown
              + " are shown)");
    }
    return lines;
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
