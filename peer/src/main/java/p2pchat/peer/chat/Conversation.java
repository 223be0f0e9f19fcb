package p2pchat.peer.chat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.net.PeerLink;
import p2pchat.protocol.message.PeerMessage.ChatText;

/**
 * One 1:1 conversation's state, touched only on the node's actor thread, except for what sending
 * from the caller's thread needs: the link it may take ({@link #direct}), the sequence numbers and
 * the texts written, all guarded by this object's lock so that numbers go out in order on either
 * path.
 */
final class Conversation {
  /**
   * How many of the last texts written on a link are kept, to say which ones the other side
   * refused: a refusal names no text, but the refused ones are always the last written there.
   */
  static final int REMEMBERED_TEXTS = 1000;

  /** A text this user wrote, with the id its events carry. */
  record Outgoing(long id, String text) {}

  /** A text as written, and whether it has been reported as not delivered; guarded by the lock. */
  private static final class Written {
    final Outgoing text;
    boolean reported;

    Written(Outgoing text) {
      this.text = text;
    }
  }

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
  final ArrayDeque<Outgoing> outbox = new ArrayDeque<>();

  /** What to do once a link is up (while dialing). */
  final List<Consumer<PeerLink>> waiting = new ArrayList<>();

  /** Where texts sent and not delivered are told. */
  private final Consumer<NodeEvent> events;

  /** The link the last text was written on; guarded by this. */
  private PeerLink writtenOn;

  /** The last texts written on {@link #writtenOn}, oldest first; guarded by this. */
  private final ArrayDeque<Written> written = new ArrayDeque<>();

  Conversation(String name, State state, Consumer<NodeEvent> events) {
    this.name = name;
    this.state = state;
    this.events = events;
  }

  boolean linked() {
    return link != null && link.isOpen();
  }

  /**
   * Sends {@code text} on {@code link} with the next sequence number; if the connection closes
   * before it is written, the user is told it was not delivered.
   */
  synchronized void sendText(PeerLink link, Outgoing text) {
    if (link != writtenOn) {
      writtenOn = link;
      written.clear();
    }
    Written w = new Written(text);
    written.addLast(w);
    if (written.size() > REMEMBERED_TEXTS) {
      written.removeFirst();
    }
    long now = System.currentTimeMillis();
    events.accept(
        new NodeEvent.MessageSent(text.id(), name, text.text(), Instant.ofEpochMilli(now)));
    link.write(new ChatText(nextSeq++, now, text.text()))
        .whenComplete(
            (ok, error) -> {
              if (error != null && report(w)) {
                events.accept(
                    new NodeEvent.MessageDropped(
                        text.id(),
                        name,
                        text.text(),
                        "the connection to " + name + " closed before it was sent"));
              }
            });
  }

  /** Marks {@code w} reported; false if it was already. */
  private synchronized boolean report(Written w) {
    if (w.reported) {
      return false;
    }
    w.reported = true;
    written.removeLastOccurrence(w);
    return true;
  }

  /**
   * The other side refused a text written on {@code link}: the last one written there not yet
   * refused (refused texts are always the last ones: once the other side has no conversation, every
   * later text is refused too).
   */
  synchronized Optional<Outgoing> refused(PeerLink link) {
    while (link == writtenOn && !written.isEmpty()) {
      Written w = written.removeLast();
      if (report(w)) {
        return Optional.of(w.text);
      }
    }
    return Optional.empty();
  }

  /** Whether the last text was written on {@code link}. */
  synchronized boolean wroteOn(PeerLink link) {
    return link == writtenOn;
  }

  /**
   * Sends {@code text} on the direct link from any thread, if there is one and it is open; false
   * when the text must go through the actor instead.
   */
  synchronized boolean sendDirect(Outgoing text) {
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
