package p2pchat.peer.net;

import java.util.concurrent.CompletableFuture;

/** Opens a verified direct link to a user (looking them up first). */
@FunctionalInterface
public interface Dialer {
  /** Completes with a link to {@code name}, or exceptionally with a sentence saying why not. */
  CompletableFuture<PeerLink> dial(String name);
}
