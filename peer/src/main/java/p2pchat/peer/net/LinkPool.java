package p2pchat.peer.net;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The node's live links by user name, and dialing on demand: whoever needs a link to a user (a
 * conversation, a group, a broadcast, a remote command) asks here, and at most one dial per user is
 * under way however many wait for it. Touched only on the node's actor thread; dials complete back
 * on it.
 */
public final class LinkPool {
  private final Dialer dialer;
  private final Executor actor;
  private final Map<String, PeerLink> links = new HashMap<>();
  private final Map<String, List<Waiter>> dialing = new HashMap<>();

  private record Waiter(Consumer<PeerLink> onLink, Consumer<String> onFailure) {}

  /** A pool dialing through {@code dialer}, running callbacks on {@code actor}. */
  public LinkPool(Dialer dialer, Executor actor) {
    this.dialer = dialer;
    this.actor = actor;
  }

  /** A verified link came up: it is the one used for its user from now on. */
  public void up(PeerLink link) {
    links.put(key(link.peerName()), link);
  }

  /** A link closed. */
  public void down(PeerLink link) {
    links.remove(key(link.peerName()), link);
  }

  /** The open link to {@code name}, if there is one. */
  public Optional<PeerLink> open(String name) {
    PeerLink link = links.get(key(name));
    return link != null && link.isOpen() ? Optional.of(link) : Optional.empty();
  }

  /**
   * Runs {@code onLink} with an open link to {@code name}, at once if there is one, else once a
   * dial succeeds; runs {@code onFailure} with a sentence if the dial fails.
   */
  public void withLink(String name, Consumer<PeerLink> onLink, Consumer<String> onFailure) {
    Optional<PeerLink> open = open(name);
    if (open.isPresent()) {
      onLink.accept(open.get());
      return;
    }
    String key = key(name);
    List<Waiter> waiting = dialing.get(key);
    if (waiting != null) {
      waiting.add(new Waiter(onLink, onFailure));
      return;
    }
    waiting = new ArrayList<>();
    waiting.add(new Waiter(onLink, onFailure));
    dialing.put(key, waiting);
    dialer
        .dial(name)
        .whenCompleteAsync(
            (link, error) -> {
              List<Waiter> done = dialing.remove(key);
              if (error != null) {
                Throwable cause =
                    error instanceof CompletionException && error.getCause() != null
                        ? error.getCause()
                        : error;
                done.forEach(w -> w.onFailure().accept(cause.getMessage()));
                return;
              }
              PeerLink current = links.get(key);
              PeerLink use = current != null && current.isOpen() ? current : link;
              done.forEach(w -> w.onLink().accept(use));
            },
            actor);
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
