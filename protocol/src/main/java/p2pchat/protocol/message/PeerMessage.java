package p2pchat.protocol.message;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import p2pchat.protocol.Limits;

/**
 * Messages on a direct connection between two peers. After the version exchange the dialer
 * introduces itself by name; the listener checks the name against the PeerId of the TLS session and
 * answers {@link Introduced} (or a failure, then closes). Then either side may send the other
 * messages: 1:1 chat ({@link ChatMessage}), broadcasts, groups ({@link GroupMessage}) and remote
 * commands ({@link RunMessage}).
 */
public sealed interface PeerMessage extends Message {
  /** A message of a 1:1 conversation. */
  sealed interface ChatMessage extends PeerMessage {}

  /** A message of a group chat: invitations, membership and texts. */
  sealed interface GroupMessage extends PeerMessage {}

  /** A remote command request or its answer. */
  sealed interface RunMessage extends PeerMessage {}

  /** The dialer's user name; its TLS PeerId must be one the registry holds for that name. */
  record Introduce(String name) implements PeerMessage {
    public Introduce {
      Checks.text(name, "name", Limits.MAX_HOST_BYTES);
    }
  }

  /** The listener accepted the introduction; {@code name} is the listener's own user name. */
  record Introduced(String name) implements PeerMessage {
    public Introduced {
      Checks.text(name, "name", Limits.MAX_HOST_BYTES);
    }
  }

  /** Asks the other user to open a conversation; answered by accept or decline. */
  record ChatRequest() implements ChatMessage {}

  /** The request is accepted: the conversation is open in both directions. */
  record ChatAccept() implements ChatMessage {}

  /** The request is declined. */
  record ChatDecline(String reason) implements ChatMessage {
    public ChatDecline {
      Checks.text(reason, "reason", Limits.MAX_TEXT_BYTES);
    }
  }

  /**
   * A message in an open conversation; {@code seq} counts the sender's messages to this receiver
   * from 1, {@code sentAtMillis} is the sender's clock.
   */
  record ChatText(long seq, long sentAtMillis, String text) implements ChatMessage {
    public ChatText {
      Checks.text(text, "text", Limits.MAX_CHAT_TEXT_BYTES);
    }
  }

  /** Ends the conversation; the other side is told and the connection may close. */
  record ChatClose() implements ChatMessage {}

  /**
   * A text to everyone online, signed by its sender: {@code signature} is SHA256withECDSA by the
   * key of {@code certificate} (DER) over the canonical encoding of (sender, broadcastId,
   * sentAtMillis, text) that {@link BroadcastSignature} defines. Receivers check the signature and
   * that the certificate's PeerId is the sender's, and show a broadcast once per (sender,
   * broadcastId).
   */
  record Broadcast(
      String sender,
      long broadcastId,
      long sentAtMillis,
      String text,
      byte[] certificate,
      byte[] signature)
      implements PeerMessage {
    public Broadcast {
      Checks.text(sender, "sender", Limits.MAX_HOST_BYTES);
      Checks.text(text, "text", Limits.MAX_CHAT_TEXT_BYTES);
      Checks.bytes(certificate, "certificate", Limits.MAX_CERTIFICATE_BYTES);
      Checks.bytes(signature, "signature", Limits.MAX_SIGNATURE_BYTES);
      certificate = certificate.clone();
      signature = signature.clone();
    }

    @Override
    public byte[] certificate() {
      return certificate.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Broadcast other
          && sender.equals(other.sender)
          && broadcastId == other.broadcastId
          && sentAtMillis == other.sentAtMillis
          && text.equals(other.text)
          && Arrays.equals(certificate, other.certificate)
          && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
      return Objects.hash(sender, broadcastId, sentAtMillis, text)
          ^ Arrays.hashCode(certificate)
          ^ Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
      return "Broadcast[sender="
          + sender
          + ", broadcastId="
          + broadcastId
          + ", sentAtMillis="
          + sentAtMillis
          + ", text="
          + text
          + ", certificate="
          + certificate.length
          + " bytes, signature="
          + HexFormat.of().formatHex(signature)
          + "]";
    }
  }

  /**
   * Invites the receiver into group {@code groupId}, called {@code groupName}, whose member list is
   * {@code members}; answered by {@link GroupAnswer}.
   */
  record GroupInvite(UUID groupId, String groupName, List<GroupMember> members)
      implements GroupMessage {
    public GroupInvite {
      Objects.requireNonNull(groupId, "groupId");
      Checks.text(groupName, "groupName", Limits.MAX_HOST_BYTES);
      members = Checks.members(members);
    }
  }

  /** The invitee's answer to a {@link GroupInvite}: joining, or declining. */
  record GroupAnswer(UUID groupId, boolean accepted) implements GroupMessage {
    public GroupAnswer {
      Objects.requireNonNull(groupId, "groupId");
    }
  }

  /**
   * The invitee's node refused a {@link GroupInvite} without showing it (it keeps as many
   * invitations as it allows already); {@code reason} says which limit.
   */
  record GroupRefused(UUID groupId, String reason) implements GroupMessage {
    public GroupRefused {
      Objects.requireNonNull(groupId, "groupId");
      Checks.text(reason, "reason", Limits.MAX_TEXT_BYTES);
    }
  }

  /**
   * The sender's member list of a group, sent to every member when it changes (someone joined or
   * left) and when a member comes back. Receivers merge it into theirs entry by entry, the higher
   * {@code version} winning, so that every member ends with the same list whatever the order.
   */
  record GroupMembers(UUID groupId, String groupName, List<GroupMember> members)
      implements GroupMessage {
    public GroupMembers {
      Objects.requireNonNull(groupId, "groupId");
      Checks.text(groupName, "groupName", Limits.MAX_HOST_BYTES);
      members = Checks.members(members);
    }
  }

  /**
   * A message to a group, sent by {@code sender} to each member directly. {@code seq} counts the
   * sender's messages in this group from 1, so that a receiver sees a gap; {@code messageId} is
   * random, so that a receiver shows a message once even when it arrives twice.
   */
  record GroupText(
      UUID groupId, String sender, long seq, long messageId, long sentAtMillis, String text)
      implements GroupMessage {
    public GroupText {
      Objects.requireNonNull(groupId, "groupId");
      Checks.text(sender, "sender", Limits.MAX_HOST_BYTES);
      Checks.text(text, "text", Limits.MAX_CHAT_TEXT_BYTES);
    }
  }

  /**
   * Asks the receiver to run its allowed command {@code command} with {@code arguments}; answered
   * by {@link RunResult} or {@link RunRefused} with the same {@code requestId}.
   */
  record RunRequest(int requestId, String command, List<String> arguments) implements RunMessage {
    public RunRequest {
      Checks.text(command, "command", Limits.MAX_HOST_BYTES);
      arguments = List.copyOf(arguments);
      if (arguments.size() > Limits.MAX_RUN_ARGUMENTS) {
        throw new IllegalArgumentException(
            "a request has at most " + Limits.MAX_RUN_ARGUMENTS + " arguments");
      }
      for (String argument : arguments) {
        Checks.text(argument, "argument", Limits.MAX_RUN_ARGUMENT_BYTES);
      }
    }
  }

  /**
   * The command ran: its exit code and output (standard output and error, interleaved). When it
   * wrote more than the output limit, {@code output} holds the start and {@code outputBytes} says
   * how much there was in all.
   */
  record RunResult(int requestId, int exitCode, long outputBytes, String output)
      implements RunMessage {
    public RunResult {
      Checks.text(output, "output", Limits.MAX_RUN_OUTPUT_BYTES);
      if (outputBytes < 0) {
        throw new IllegalArgumentException("outputBytes must not be negative");
      }
    }
  }

  /** The command was not run, or was stopped: {@code reason} says which rule, {@code text} how. */
  record RunRefused(int requestId, Reason reason, String text) implements RunMessage {
    public RunRefused {
      Objects.requireNonNull(reason, "reason");
      Checks.text(text, "text", Limits.MAX_TEXT_BYTES);
    }

    /** Why a command did not run to its end. */
    public enum Reason {
      /** Remote commands are switched off on the receiving peer. */
      NOT_ENABLED,
      /** The requesting user is not on the receiver's list. */
      USER_NOT_ALLOWED,
      /** No command of that name is on the receiver's list. */
      COMMAND_NOT_ALLOWED,
      /** The arguments do not fit the command's patterns (or hold shell metacharacters). */
      ARGUMENTS_NOT_ALLOWED,
      /** The command ran past its time limit and was killed. */
      TIMED_OUT,
      /** As many commands as allowed are running already. */
      BUSY,
      /** The command could not be started. */
      CANNOT_RUN
    }
  }
}
