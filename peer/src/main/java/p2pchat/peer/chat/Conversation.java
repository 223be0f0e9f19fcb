package p2pchat.peer.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import p2pchat.peer.direct.PeerLink;

/** One 1:1 conversation's state, touched only on the node's actor thread. */
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
  long nextSeq = 1;

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
}
