package p2pchat.peer;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import p2pchat.peer.transfer.TransferInfo;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.FileIndexMessage.FileEntry;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.protocol.message.PeerMessage.RunRefused;
import p2pchat.protocol.message.RegistryMessage.PresenceChange;

/** What a node tells its user interface. Each event reads as one line to a person. */
public sealed interface NodeEvent {
  /** Logged in to the registry (at start, or again after a lost connection). */
  record LoggedIn(
      String name, PeerId peerId, InetSocketAddress listen, String observed, List<PeerInfo> online)
      implements NodeEvent {}

  /** Someone came online (or became visible). */
  record UserJoined(PeerInfo peer) implements NodeEvent {}

  /**
   * Someone went away; {@code reason} says how, and {@code note} says more when there is more (why
   * an operator kicked them); it is empty otherwise.
   */
  record UserLeft(PeerInfo peer, PresenceChange.Reason reason, String note) implements NodeEvent {
    /** Someone went away, with nothing more to say. */
    public UserLeft(PeerInfo peer, PresenceChange.Reason reason) {
      this(peer, reason, "");
    }
  }

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

  /** A serverless node started: no registry, {@code friends} from its table. */
  record ServerlessStarted(
      String name, PeerId peerId, InetSocketAddress listen, List<String> friends)
      implements NodeEvent {}

  /** A broadcast from {@code from} to everyone, its signature checked. */
  record BroadcastReceived(String from, String text, Instant sentAt) implements NodeEvent {}

  /** {@code from} invites this user into {@code group}; answer with accept or decline. */
  record GroupInvited(String group, String from, List<String> members) implements NodeEvent {}

  /** This user is now in {@code group} (created it, or accepted an invitation). */
  record GroupEntered(String group, List<String> members) implements NodeEvent {}

  /** {@code member} joined {@code group}. */
  record GroupJoined(String group, String member) implements NodeEvent {}

  /** {@code member} left {@code group}. */
  record GroupLeft(String group, String member) implements NodeEvent {}

  /** {@code by} declined this user's invitation into {@code group}. */
  record GroupDeclined(String group, String by) implements NodeEvent {}

  /** A message to {@code group} from {@code from}. */
  record GroupMessage(String group, String from, String text, Instant sentAt)
      implements NodeEvent {}

  /** {@code missed} messages of {@code from} to {@code group} never arrived. */
  record GroupGap(String group, String from, long missed) implements NodeEvent {}

  /**
   * A command this user asked {@code on} to run ran: its exit code and output ({@code outputBytes}
   * in all; when that is more than {@code output} holds, the output was cut).
   */
  record CommandFinished(String on, String command, int exitCode, long outputBytes, String output)
      implements NodeEvent {}

  /** {@code on} refused to run {@code command} (or stopped it): {@code reason}, {@code text}. */
  record CommandRefused(String on, String command, RunRefused.Reason reason, String text)
      implements NodeEvent {}

  /**
   * No answer came from {@code on} to {@code command}, and none will be shown: {@code why} says
   * what happened (the answer timeout passed, or the connection closed). It may or may not have run
   * there.
   */
  record CommandUnanswered(String on, String command, String why) implements NodeEvent {}

  /** Shared files, as listed or searched for; {@code title} says which ("bob's shared files"). */
  record Files(String title, List<FileEntry> files) implements NodeEvent {}

  /** A download got its file's manifest and is fetching ({@code resumed}: from a partial file). */
  record TransferStarted(TransferInfo transfer, boolean resumed) implements NodeEvent {}

  /** A download waits for a source to be online again; it resumes by itself. */
  record TransferWaiting(TransferInfo transfer, String why) implements NodeEvent {}

  /** A download is complete: {@code file} is in place with the SHA-256 asked for. */
  record TransferFinished(TransferInfo transfer, Path file) implements NodeEvent {}

  /** A download cannot finish; {@code why} says why. */
  record TransferFailed(TransferInfo transfer, String why) implements NodeEvent {}
}
