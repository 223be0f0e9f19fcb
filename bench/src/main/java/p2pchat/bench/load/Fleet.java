package p2pchat.bench.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import p2pchat.bench.registry.BenchRegistries;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;

/**
 * Many sessions of one {@link LoadClient}, numbered from 0: session {@code i} connects from {@link
 * SourceAddresses#of} and logs in as {@link BenchRegistries#accountName}{@code (i)}.
 */
public final class Fleet implements AutoCloseable {
  private final LoadClient client;
  private final SourceAddresses sources = SourceAddresses.forThisMachine();
  private final LoadSession.PresenceListener presence;
  private final List<LoadSession> sessions = new ArrayList<>();
  private final int concurrency;

  /**
   * A fleet on {@code threads} event-loop threads, at most {@code concurrency} connections or
   * logins in flight at once.
   */
  public Fleet(
      int threads,
      int concurrency,
      Identity identity,
      java.net.InetSocketAddress registry,
      PeerId registryId,
      LoadSession.PresenceListener presence)
      throws SSLException {
    this.client = new LoadClient(threads, identity, registry, registryId);
    this.concurrency = concurrency;
    this.presence = presence;
  }

  public LoadStats stats() {
    return client.stats();
  }

  /** The sessions connected so far, by index. */
  public List<LoadSession> sessions() {
    return sessions;
  }

  /** Source addresses the fleet needs for {@code count} connections. */
  public int addressesFor(int count) {
    return sources.addressesFor(count);
  }

  /** Connects sessions until there are {@code total}; stops early after 20 failures. */
  public Ramp.Outcome connectUpTo(int total) throws InterruptedException {
    int from = sessions.size();
    List<LoadSession> added = new ArrayList<>();
    Ramp.Outcome o =
        Ramp.run(
            total - from,
            concurrency,
            20,
            3600,
            i -> client.connect(from + i, sources.of(from + i), presence),
            added);
    added.sort(Comparator.comparingInt(LoadSession::index));
    sessions.addAll(added);
    return o;
  }

  /** Logs sessions {@code from} (inclusive) to {@code to} (exclusive) in. */
  public Ramp.Outcome login(int from, int to, boolean visible) throws InterruptedException {
    List<Integer> ignored = new ArrayList<>();
    return Ramp.run(
        to - from,
        concurrency,
        20,
        3600,
        i -> {
          LoadSession s = sessions.get(from + i);
          return s.login(BenchRegistries.accountName(s.index()), BenchRegistries.PASSWORD, visible);
        },
        ignored);
  }

  /** Pings every session; returns how many answered within {@code timeoutSeconds}. */
  public int pingAll(long timeoutSeconds) throws InterruptedException {
    List<Long> answers = new ArrayList<>();
    Ramp.Outcome o =
        Ramp.run(
            sessions.size(),
            Math.max(concurrency, 1000),
            Integer.MAX_VALUE,
            timeoutSeconds,
            i -> sessions.get(i).ping(1 + i),
            answers);
    return o.succeeded();
  }

  /** Opens one more connection outside the numbered sessions (e.g. a presence subject). */
  public CompletableFuture<LoadSession> connectExtra(int index) {
    return client.connect(index, sources.of(index), LoadSession.PresenceListener.NONE);
  }

  /** Closes every session and the client. */
  @Override
  public void close() {
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    for (LoadSession s : sessions) {
      closing.add(s.close());
    }
    try {
      CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Closing is best effort; the event loops stop next either way.
    }
    client.close();
  }
}
