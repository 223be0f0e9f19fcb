package p2pchat.peer.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import p2pchat.peer.direct.PeerLink;
import p2pchat.protocol.message.PeerMessage.ChatText;

/**
 * One 1:1 conversation's state, touched only on the node's actor thread, except for what sending
 * from the caller's thread needs: the link it may take ({@link #direct}) and the sequence numbers,
 * both guarded by this object's lock so that numbers go out in order on either path.
 */
final class Conversation {
  enum State {
    /** We asked; waiting for their answer. */
    REQUESTED_BY_ME,
    /** They asked; waiting for ours. */
    REQUESTED_BY_THEM,
    /** Both agreed: messages flow. */
    OPEN
  }

  final String name;
  State state;
  PeerLink link;
  boolean dialing;

  /** The next text's sequence number; guarded by this. */
  private long nextSeq = 1;

  /**
   * The link a text may take straight from the caller's thread: set by the actor while the
   * conversation is open and connected with nothing waiting in its outbox, null otherwise; guarded
   * by this.
   */
  private PeerLink direct;

  /** Texts written before the conversation opened, sent once it does. */
  final ArrayDeque<String> outbox = new ArrayDeque<>();

  /** What to do once a link is up (while dialing). */
  final List<Consumer<PeerLink>> waiting = new ArrayList<>();

  Conversation(String name, State state) {
    this.name = name;
    this.state = state;
  }

  boolean linked() {
    return link != null && link.isOpen();
  }

  /** Sends {@code text} on {@code link} with the next sequence number. */
  synchronized void sendText(PeerLink link, String text) {
    link.send(new ChatText(nextSeq++, System.currentTimeMillis(), text));
  }

  /**
   * Sends {@code text} on the direct link from any thread, if there is one and it is open; false
   * when the text must go through the actor instead.
   */
  synchronized boolean sendDirect(String text) {
    if (direct == null || !direct.isOpen()) {
      return false;
    }
    sendText(direct, text);
    return true;
  }

  /** Opens ({@code link}) or shuts (null) the way straight from the caller's thread. */
  synchronized void direct(PeerLink link) {
    direct = link;
  }
}
