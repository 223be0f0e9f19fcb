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
import p2pchat.protocol.text.Untrusted;

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

  /**
   * The line {@code event} shows ({@link NodeEvent.MessageSent}: its text), the lines of a list
   * joined by line separators. Every line has the control characters of the texts in it made
   * visible ({@link Untrusted}), so that nothing from the network moves the cursor, colours the
   * screen or starts a line of its own.
   */
  static String format(NodeEvent event) {
    return String.join(System.lineSeparator(), lines(event));
  }

  /** The lines {@code event} shows, each with its control characters made visible. */
  static List<String> lines(NodeEvent event) {
    return switch (event) {
      case NodeEvent.LoggedIn e ->
          one(
              "* logged in as "
                  + e.name()
                  + " (PeerId "
                  + e.peerId()
                  + "), listening on "
                  + hostPort(e.listen())
                  + ", the registry sees you at "
                  + e.observed()
                  + "; "
                  + onlineSummary(e.online()));
      case NodeEvent.UserJoined e -> one("* " + e.peer().name() + " is online");
      case NodeEvent.UserLeft e when e.reason() == PresenceChange.Reason.KICKED ->
          one(
              "* "
                  + e.peer().name()
                  + " was kicked by an operator"
                  + (e.note().isBlank() ? "" : ": " + e.note()));
      case NodeEvent.UserLeft e ->
          one(
              "* "
                  + e.peer().name()
                  + " went offline ("
                  + e.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                  + ")");
      case NodeEvent.Users e -> users(e.online());
      case NodeEvent.ChatRequested e ->
          one("* " + e.from() + " asks to chat: /accept " + e.from() + " or /decline " + e.from());
      case NodeEvent.ChatRequestSent e ->
          one("* chat request sent to " + e.to() + "; waiting for an answer");
      case NodeEvent.ConversationOpened e ->
          one(
              e.theyAccepted()
                  ? "* " + e.with() + " accepted your chat request"
                  : "* chatting with " + e.with());
      case NodeEvent.ChatDeclined e -> one("* " + e.by() + " declined your chat request");
      case NodeEvent.MessageSent e -> one(e.text());
      case NodeEvent.MessageReceived e -> one("[" + e.from() + "] " + e.text());
      case NodeEvent.MessageDropped e ->
          one("* not delivered to " + e.to() + ": \"" + e.text() + "\" (" + e.why() + ")");
      case NodeEvent.ConversationClosed e ->
          one(
              e.byThem()
                  ? "* " + e.with() + " closed the conversation"
                  : "* conversation with " + e.with() + " closed");
      case NodeEvent.Warning e -> one("! WARNING: " + e.text());
      case NodeEvent.Failed e -> one("error: " + e.text());
      case NodeEvent.Notice e -> one("* " + e.text());
      case NodeEvent.RegistryLost e -> one("* " + e.text());
      case NodeEvent.LoggedOut e -> one("* logged out: " + e.text() + " (/login to log in again)");
      case NodeEvent.ServerlessStarted e ->
          one(
              "* serverless as "
                  + e.name()
                  + " (PeerId "
                  + e.peerId()
                  + "), listening on "
                  + hostPort(e.listen())
                  + "; friends: "
                  + (e.friends().isEmpty() ? "none" : String.join(", ", e.friends())));
      case NodeEvent.BroadcastReceived e -> one("[" + e.from() + " to all] " + e.text());
      case NodeEvent.GroupInvited e ->
          one(
              "* "
                  + e.from()
                  + " invites you into group #"
                  + e.group()
                  + " (members: "
                  + String.join(", ", e.members())
                  + "): /group accept "
                  + e.group()
                  + " or /group decline "
                  + e.group());
      case NodeEvent.GroupEntered e ->
          one(
              e.members().size() <= 1
                  ? "* you are in group #"
                      + e.group()
                      + " (just you: /group invite "
                      + e.group()
                      + " NAME)"
                  : "* you are in group #" + e.group() + " with " + String.join(", ", e.members()));
      case NodeEvent.GroupJoined e -> one("* #" + e.group() + ": " + e.member() + " joined");
      case NodeEvent.GroupLeft e -> one("* #" + e.group() + ": " + e.member() + " left");
      case NodeEvent.GroupDeclined e ->
          one("* #" + e.group() + ": " + e.by() + " declined your invitation");
      case NodeEvent.GroupMessage e -> one("[#" + e.group() + " " + e.from() + "] " + e.text());
      case NodeEvent.GroupGap e ->
          one(
              "* #"
                  + e.group()
                  + ": "
                  + e.missed()
                  + (e.missed() == 1 ? " message" : " messages")
                  + " from "
                  + e.from()
                  + " never arrived");
      case NodeEvent.CommandFinished e -> commandOutput(e);
      case NodeEvent.Files e -> FileFormat.files(e);
      case NodeEvent.TransferStarted e -> one(FileFormat.started(e));
      case NodeEvent.TransferWaiting e -> one(FileFormat.waiting(e));
      case NodeEvent.TransferFinished e -> one(FileFormat.finished(e));
      case NodeEvent.TransferFailed e -> one(FileFormat.failed(e));
      case NodeEvent.CommandUnanswered e ->
          one(
              "error: \""
                  + e.command()
                  + "\" on "
                  + e.on()
                  + ": "
                  + e.why()
                  + " (it may or may not have run there)");
      case NodeEvent.CommandRefused e ->
          one(
              "error: "
                  + e.on()
                  + " did not run \""
                  + e.command()
                  + "\": "
                  + e.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                  + " ("
                  + e.text()
                  + ")");
    };
  }

  /**
   * A remote command's result: a header line, then each output line indented by "| ", every line
   * with its control characters made visible (the output's own line breaks stay line breaks).
   */
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
    return lines.stream().map(Untrusted::show).toList();
  }

  /** The online list, a header line and one line per user (control characters made visible). */
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
    return lines.stream().map(Untrusted::show).toList();
  }

  /** {@code line} as one line: whatever in it came from the network cannot break it. */
  private static List<String> one(String line) {
    return List.of(Untrusted.show(line));
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
