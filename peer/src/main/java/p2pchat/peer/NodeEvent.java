package p2pchat.peer;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.protocol.message.RegistryMessage.PresenceChange;

/** What a node tells its user interface. Each event reads as one line to a person. */
public sealed interface NodeEvent {
  /** Logged in to the registry (at start, or again after a lost connection). */
  record LoggedIn(
      String name, PeerId peerId, InetSocketAddress listen, String observed, List<PeerInfo> online)
      implements NodeEvent {}

  /** Someone came online (or became visible). */
  record UserJoined(PeerInfo peer) implements NodeEvent {}

  /** Someone went away; {@code reason} says how. */
  record UserLeft(PeerInfo peer, PresenceChange.Reason reason) implements NodeEvent {}

  /** The online list, as asked for. */
  record Users(List<PeerInfo> online) implements NodeEvent {}

  /** {@code from} asks to chat; answer with accept or decline. */
  record ChatRequested(String from) implements NodeEvent {}

  /** A chat request went out to {@code to}. */
  record ChatRequestSent(String to) implements NodeEvent {}

  /** A conversation with {@code with} is open; {@code theyAccepted} if it was our request. */
  record ConversationOpened(String with, boolean theyAccepted) implements NodeEvent {}

  /** {@code by} declined our chat request. */
  record ChatDeclined(String by, String reason) implements NodeEvent {}

  /** A message arrived in an open conversation. */
  record MessageReceived(String from, String text, Instant sentAt) implements NodeEvent {}

  /** A message we wrote could not be delivered, and why. */
  record MessageDropped(String to, String text, String why) implements NodeEvent {}

  /** The conversation with {@code with} ended; {@code byThem} if they closed it. */
  record ConversationClosed(String with, boolean byThem) implements NodeEvent {}

  /** Something the user should know about security: an identity mismatch, a changed key. */
  record Warning(String text) implements NodeEvent {}

  /** A command could not be carried out; {@code text} says why. */
  record Failed(String text) implements NodeEvent {}

  /** Something happened that is neither an error nor a message (e.g. visibility changed). */
  record Notice(String text) implements NodeEvent {}

  /** The registry connection was lost; the node keeps trying to log in again. */
  record RegistryLost(String text) implements NodeEvent {}

  /** The session ended and the node will not log in again by itself (logout, kicked, replaced). */
  record LoggedOut(String text) implements NodeEvent {}
}
