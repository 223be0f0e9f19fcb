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

/**
 * What a node tells its user interface: records with ids and codes a program can branch on, each of
 * which a formatter turns into one line for a person. Subscribers get them {@link Stamped}.
 */
public sealed interface NodeEvent {
  /**
   * An event as the node published it: {@code seq} counts from 1 in the order every subscriber
   * sees, {@code at} is when the node published it.
   */
  record Stamped(long seq, Instant at, NodeEvent event) {}

  /**
   * What a {@link Warning}, {@link Failed} or {@link Notice} is about, for a program to branch on.
   */
  enum Code {
    // 1:1 chat
    /** A chat request to oneself. */
    SELF_CHAT,
    /** A chat request to someone already chatting. */
    ALREADY_CHATTING,
    /** A chat request to someone who has not answered the last one yet. */
    REQUEST_PENDING,
    /** An accept or decline with no request to answer. */
    NOT_ASKED,
    /** A command about a conversation that does not exist. */
    NO_CONVERSATION,
    /** A request this user declined. */
    REQUEST_DECLINED,
    /** A text over the size limit, not sent. */
    TOO_LONG,
    /** A peer could not be reached (offline, unknown, no connection). */
    UNREACHABLE,
    // groups
    /** A group name outside the rules. */
    BAD_GROUP_NAME,
    /** A group name this user has already. */
    GROUP_EXISTS,
    /** No group (or no invitation) of that name. */
    NO_SUCH_GROUP,
    /** A group with nobody else in it yet. */
    GROUP_EMPTY,
    /** An invitation of someone already in the group. */
    ALREADY_MEMBER,
    /** An invitation that went out. */
    INVITATION_SENT,
    /** An invitation this user declined. */
    INVITATION_DECLINED,
    /**
     * An invitation of this user's that the invitee's node refused (it keeps as many as it may).
     */
    INVITATION_REFUSED,
    /** This user left a group, or was left out of it. */
    GROUP_LEFT,
    /** A group could not be loaded or saved in the profile. */
    GROUP_STORE,
    /** A group message whose sender is not who passed it on; not shown. */
    FORGED_GROUP_MESSAGE,
    // broadcasts
    /** Nobody else is there to hear a broadcast. */
    NOBODY_ONLINE,
    /** A broadcast (or a part of one) that could not be delivered. */
    NOT_DELIVERED,
    /** A broadcast that went out. */
    BROADCAST_SENT,
    /** A broadcast signed too long ago; not shown. */
    STALE_BROADCAST,
    /** A broadcast whose signature does not hold; not shown. */
    FORGED_BROADCAST,
    // remote commands
    /** The remote commands file could not be read; remote commands stay off. */
    REMOTE_CONFIG,
    /** Remote commands are on, for whom and which. */
    REMOTE_ON,
    /** A remote command was asked for. */
    REMOTE_ASKED,
    /** A remote command in a form that cannot be asked for (too long, no command). */
    BAD_COMMAND,
    // identities and connections
    /** A peer presented a PeerId other than the one its name must have. */
    IDENTITY_MISMATCH,
    /** A contact's pinned key changed. */
    KEY_CHANGED,
    /** A connection refused by this node (the other side's fault, or a test of it). */
    CONNECTION_REFUSED,
    // the registry
    /** A command that needs a registry, on a node without one. */
    NO_REGISTRY,
    /** The registry refused, or could not be reached. */
    REGISTRY_ERROR,
    /** The registry's address answers with another key than the one pinned for it. */
    REGISTRY_KEY_CHANGED,
    /** The registry's PeerId was pinned at a first connection (trust on first use). */
    REGISTRY_PINNED,
    /** Visibility changed. */
    VISIBILITY,
    /** The user is not online. */
    USER_OFFLINE,
    // files
    /** A folder that could not be shared or indexed. */
    SHARE_FAILED,
    /** A folder being indexed. */
    INDEXING,
    /** A folder shared, with what it holds. */
    SHARING,
    /** A folder no longer shared. */
    UNSHARED,
    /** A folder that is not shared. */
    NOT_SHARED,
    /** A shared folder that was lost (deleted, unreadable). */
    SHARE_LOST,
    /** A problem with a shared folder found at start. */
    SHARE_PROBLEM,
    /** More files shared than the registry accepts. */
    TOO_MANY_FILES,
    /** A file that the owner does not share. */
    NO_SUCH_FILE,
    /** A download that started. */
    TRANSFER_QUEUED,
    /** A download that could not start. */
    DOWNLOAD_FAILED,
    /** A search or file listing that failed. */
    FILES_UNAVAILABLE,
    /** An unfinished download resumed. */
    TRANSFER_RESUMED,
    /** No transfer with that number. */
    NO_SUCH_TRANSFER,
    /** A transfer cancelled. */
    TRANSFER_CANCELLED,
    /** A cancel of a transfer that is over already (done, failed or cancelled). */
    TRANSFER_OVER,
    /** A source that sent bad data and was dropped. */
    BAD_SOURCE
  }

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

  /**
   * A message we wrote went out on the connection to {@code to}; {@code id} is the one {@code
   * Node.send} returned, and a {@link MessageDropped} with it may follow.
   */
  record MessageSent(long id, String to, String text, Instant sentAt) implements NodeEvent {}

  /** A message arrived in an open conversation; {@code id} is this node's, unique in its run. */
  record MessageReceived(long id, String from, String text, Instant sentAt) implements NodeEvent {}

  /** A message we wrote (the one {@code Node.send} numbered {@code id}) was not delivered. */
  record MessageDropped(long id, String to, String text, String why) implements NodeEvent {}

  /** The conversation with {@code with} ended; {@code byThem} if they closed it. */
  record ConversationClosed(String with, boolean byThem) implements NodeEvent {}

  /** Something the user should know about security: an identity mismatch, a changed key. */
  record Warning(Code code, String text) implements NodeEvent {}

  /** A command could not be carried out; {@code text} says why. */
  record Failed(Code code, String text) implements NodeEvent {}

  /** Something happened that is neither an error nor a message (e.g. visibility changed). */
  record Notice(Code code, String text) implements NodeEvent {}

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

  /**
   * {@code from} invites this user into {@code group}; answer with accept or decline. {@code
   * members} holds at most the first 50 names, then "and N more" when there are more.
   */
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
