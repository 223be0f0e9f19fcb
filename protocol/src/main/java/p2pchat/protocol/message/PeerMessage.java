package p2pchat.protocol.message;

import p2pchat.protocol.Limits;

/**
 * Messages on a direct connection between two peers. After the version exchange the dialer
 * introduces itself by name; the listener checks the name against the PeerId of the TLS session and
 * answers {@link Introduced} (or a failure, then closes). Then either side may send the chat
 * messages.
 */
public sealed interface PeerMessage extends Message {
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
  record ChatRequest() implements PeerMessage {}

  /** The request is accepted: the conversation is open in both directions. */
  record ChatAccept() implements PeerMessage {}

  /** The request is declined. */
  record ChatDecline(String reason) implements PeerMessage {
    public ChatDecline {
      Checks.text(reason, "reason", Limits.MAX_TEXT_BYTES);
    }
  }

  /**
   * A message in an open conversation; {@code seq} counts the sender's messages to this receiver
   * from 1, {@code sentAtMillis} is the sender's clock.
   */
  record ChatText(long seq, long sentAtMillis, String text) implements PeerMessage {
    public ChatText {
      Checks.text(text, "text", Limits.MAX_CHAT_TEXT_BYTES);
    }
  }

  /** Ends the conversation; the other side is told and the connection may close. */
  record ChatClose() implements PeerMessage {}
}
