package p2pchat.peer.net;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A dialer without sockets: each dial waits until the test answers it ({@link #connect}, {@link
 * #fail}), or is answered at once for users made {@link #reachable}. Records who was dialed.
 */
public final class FakeDialer implements Dialer {
  private final Map<String, FakeLink> reachable = new HashMap<>();
  private final Map<String, CompletableFuture<PeerLink>> pending = new HashMap<>();
  private final List<String> dialed = new ArrayList<>();

  /** Dials of {@code link}'s user succeed at once with {@code link}. */
  public FakeDialer reachable(FakeLink link) {
    reachable.put(key(link.peerName()), link);
    return this;
  }

  /** Who was dialed, in order. */
  public List<String> dialed() {
    return List.copyOf(dialed);
  }

  /** The dial under way to {@code link}'s user succeeds with {@code link}. */
  public void connect(FakeLink link) {
    pending.remove(key(link.peerName())).complete(link);
  }

  /** The dial under way to {@code name} fails with {@code sentence}. */
  public void fail(String name, String sentence) {
    pending.remove(key(name)).completeExceptionally(new LinkException(sentence));
  }

  @Override
  public CompletableFuture<PeerLink> dial(String name) {
    dialed.add(name);
    FakeLink link = reachable.get(key(name));
    if (link != null) {
      return CompletableFuture.completedFuture(link);
    }
    return pending.computeIfAbsent(key(name), k -> new CompletableFuture<>());
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
