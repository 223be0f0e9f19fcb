package p2pchat.peer.chat;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A 1:1 conversation as the node's queries show it: with whom, how far it is, and whether a
 * connection serves it now ({@code remote}: where that connection goes, when known).
 */
public record ConversationInfo(
    String with, State state, boolean connected, Optional<InetSocketAddress> remote) {
  /** How far a conversation is. */
  public enum State {
    /** This user asked; waiting for the answer. */
    ASKED_BY_YOU,
    /** They asked; waiting for this user's answer. */
    ASKED_BY_THEM,
    /** Both agreed: messages flow. */
    OPEN
  }
}
