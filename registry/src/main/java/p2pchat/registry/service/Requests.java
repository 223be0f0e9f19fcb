package p2pchat.registry.service;

import p2pchat.protocol.message.AdminMessage;
import p2pchat.protocol.message.FileIndexMessage;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.RegistryMessage;

/**
 * What the registry says about a request in its history: its type, its id, and its arguments
 * written out field by field, so that a password can never slip in through a {@code toString}.
 */
public final class Requests {
  /** Longest arguments or outcome text kept in the history, in characters. */
  public static final int MAX_HISTORY_TEXT = 1000;

  private Requests() {}

  /** Whether {@code message} is a request a client makes (and so counts against its limits). */
  public static boolean isRequest(Message message) {
    return switch (message) {
      case RegistryMessage.Register m -> true;
      case RegistryMessage.Login m -> true;
      case RegistryMessage.Logout m -> true;
      case RegistryMessage.ListOnline m -> true;
      case RegistryMessage.Lookup m -> true;
      case RegistryMessage.SetVisibility m -> true;
      case RegistryMessage.CheckPeer m -> true;
      case AdminMessage.AdminLogin m -> true;
      case AdminMessage.ListSessions m -> true;
      case AdminMessage.Kick m -> true;
      case AdminMessage.Ban m -> true;
      case AdminMessage.Unban m -> true;
      case AdminMessage.History m -> true;
      case AdminMessage.FollowLog m -> true;
      case FileIndexMessage.PublishFiles m -> true;
      case FileIndexMessage.ListFiles m -> true;
      case FileIndexMessage.SearchFiles m -> true;
      case FileIndexMessage.LocateFile m -> true;
      default -> false;
    };
  }

  /** The id a request carries, to answer it with; 0 for a message that is not a request. */
  public static int id(Message message) {
    return switch (message) {
      case RegistryMessage.Register m -> m.requestId();
      case RegistryMessage.Login m -> m.requestId();
      case RegistryMessage.Logout m -> m.requestId();
      case RegistryMessage.ListOnline m -> m.requestId();
      case RegistryMessage.Lookup m -> m.requestId();
      case RegistryMessage.SetVisibility m -> m.requestId();
      case RegistryMessage.CheckPeer m -> m.requestId();
      case AdminMessage.AdminLogin m -> m.requestId();
      case AdminMessage.ListSessions m -> m.requestId();
      case AdminMessage.Kick m -> m.requestId();
      case AdminMessage.Ban m -> m.requestId();
      case AdminMessage.Unban m -> m.requestId();
      case AdminMessage.History m -> m.requestId();
      case AdminMessage.FollowLog m -> m.requestId();
      case FileIndexMessage.PublishFiles m -> m.requestId();
      case FileIndexMessage.ListFiles m -> m.requestId();
      case FileIndexMessage.SearchFiles m -> m.requestId();
      case FileIndexMessage.LocateFile m -> m.requestId();
      default -> 0;
    };
  }

  /** The request's type as the history shows it, e.g. {@code Login}. */
  public static String type(Message message) {
    return message.getClass().getSimpleName();
  }

  /** The request's fields without passwords and request ids, e.g. {@code name=alice}. */
  public static String arguments(Message message) {
    String text =
        switch (message) {
          case RegistryMessage.Register m -> "name=" + m.name();
          case RegistryMessage.Login m ->
              "name=" + m.name() + ", listenPort=" + m.listenPort() + ", visible=" + m.visible();
          case RegistryMessage.Lookup m -> "name=" + m.name();
          case RegistryMessage.SetVisibility m -> "visible=" + m.visible();
          case RegistryMessage.CheckPeer m -> "name=" + m.name() + ", peerId=" + m.peerId();
          case AdminMessage.AdminLogin m -> "name=" + m.name();
          case AdminMessage.Kick m -> "name=" + m.name() + ", reason=" + m.reason();
          case AdminMessage.Ban m -> "name=" + m.name() + ", reason=" + m.reason();
          case AdminMessage.Unban m -> "name=" + m.name();
          case AdminMessage.History m -> "name=" + m.name() + ", limit=" + m.limit();
          case FileIndexMessage.PublishFiles m ->
              "first=" + m.first() + ", last=" + m.last() + ", files=" + m.files().size();
          case FileIndexMessage.ListFiles m -> "owner=" + m.owner();
          case FileIndexMessage.SearchFiles m -> "text=" + m.text();
          case FileIndexMessage.LocateFile m -> "sha256=" + m.sha256();
          default -> "";
        };
    return cut(text);
  }

  /** {@code text} cut to {@link #MAX_HISTORY_TEXT} characters, marked with "..." if it was cut. */
  public static String cut(String text) {
    if (text.length() <= MAX_HISTORY_TEXT) {
      return text;
    }
    int end = MAX_HISTORY_TEXT - 3;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "...";
  }
}
