package p2pchat.registry.limits;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counts the open connections of each client address, and among them those not logged in yet, so
 * that one address cannot take every slot: a connection beyond either cap is closed as soon as it
 * opens. Together with the handshake and login timeouts, a client that opens connections and never
 * speaks (slowloris) holds a few slots for a few seconds, and nobody else's. The connections not
 * logged in yet are also capped altogether, so that many addresses cannot hold a TLS handshake's
 * memory each without bound.
 */
public final class ConnectionSlots {
  /** Connections not logged in yet, from all addresses together, unless told otherwise. */
  public static final int DEFAULT_PENDING = 10_000;

  /** Shortest time between two warnings that the cap of all addresses refused a connection. */
  public static final Duration PENDING_WARNING_INTERVAL = Duration.ofSeconds(5);

  /**
   * @param perAddress open connections from one address, logged in or not
   * @param pendingPerAddress connections from one address that have not logged in yet
   * @param pending connections that have not logged in yet, from all addresses together
   */
  public record Settings(int perAddress, int pendingPerAddress, int pending) {
    /**
     * 50 connections per address, 20 of them not logged in yet; 10,000 not logged in altogether.
     */
    public static final Settings DEFAULTS = new Settings(50, 20, DEFAULT_PENDING);

    public Settings {
      if (perAddress < 1 || pendingPerAddress < 1 || pending < 1) {
        throw new IllegalArgumentException("connection caps must be at least 1");
      }
    }

    /** Caps per address, and the default cap of connections not logged in altogether. */
    public Settings(int perAddress, int pendingPerAddress) {
      this(perAddress, pendingPerAddress, DEFAULT_PENDING);
    }
  }

  /**
   * Why a new connection was refused, and whether it is worth a warning: the first refusal since
   * the address had no connection, or the first refusal by the cap of all addresses in {@link
   * #PENDING_WARNING_INTERVAL} (so that a flood is logged once, or once every few seconds, not once
   * per connection).
   */
  public record Refusal(String reason, boolean first) {}

  private record Counts(int open, int pending, boolean refusing) {}

  private final Settings settings;
  private final LongSupplier nanoClock;
  private final Map<String, Counts> byAddress = new ConcurrentHashMap<>();
  private final AtomicInteger pendingTotal = new AtomicInteger();
  private final AtomicLong nextPendingWarning;

  /** Caps as {@code settings} say, on the clock {@code nanoClock} (e.g. System::nanoTime). */
  public ConnectionSlots(Settings settings, LongSupplier nanoClock) {
    this.settings = settings;
    this.nanoClock = nanoClock;
    this.nextPendingWarning = new AtomicLong(nanoClock.getAsLong());
  }

  /**
   * Takes a slot for a new connection from {@code address}, counted as not logged in; returns the
   * refusal instead when a cap is reached (then no slot is taken).
   */
  public Optional<Refusal> open(String address) {
    Refusal[] refusal = new Refusal[1];
    byAddress.compute(
        address,
        (a, c) -> {
          Counts counts = c == null ? new Counts(0, 0, false) : c;
          String reason =
              counts.open() >= settings.perAddress()
                  ? settings.perAddress() + " connections from " + a + " are open already"
                  : counts.pending() >= settings.pendingPerAddress()
                      ? settings.pendingPerAddress()
                          + " connections from "
                          + a
                          + " have not logged in yet"
                      : null;
          if (reason != null) {
            refusal[0] = new Refusal(reason, !counts.refusing());
            return new Counts(counts.open(), counts.pending(), true);
          }
          if (!takePending()) {
            refusal[0] =
                new Refusal(
                    settings.pending() + " connections from all addresses have not logged in yet",
                    pendingWarningDue());
            return c; // unchanged: null (no entry) if the address had no connection
          }
          return new Counts(counts.open() + 1, counts.pending() + 1, counts.refusing());
        });
    return Optional.ofNullable(refusal[0]);
  }

  /** Counts one more connection not logged in, unless that many are already. */
  private boolean takePending() {
    int now;
    do {
      now = pendingTotal.get();
      if (now >= settings.pending()) {
        return false;
      }
    } while (!pendingTotal.compareAndSet(now, now + 1));
    return true;
  }

  /** Whether the cap of all addresses may warn now; if so, not again for a while. */
  private boolean pendingWarningDue() {
    long now = nanoClock.getAsLong();
    long due = nextPendingWarning.get();
    return now - due >= 0
        && nextPendingWarning.compareAndSet(due, now + PENDING_WARNING_INTERVAL.toNanos());
  }

  /** A connection from {@code address} logged in: it no longer counts as pending. */
  public void loggedIn(String address) {
    pendingTotal.decrementAndGet();
    byAddress.computeIfPresent(
        address, (a, c) -> new Counts(c.open(), Math.max(0, c.pending() - 1), c.refusing()));
  }

  /** A connection from {@code address} closed; {@code pending} if it never logged in. */
  public void closed(String address, boolean pending) {
    if (pending) {
      pendingTotal.decrementAndGet();
    }
    byAddress.computeIfPresent(
        address,
        (a, c) -> {
          int open = c.open() - 1;
          return open <= 0
              ? null
              : new Counts(
                  open, pending ? Math.max(0, c.pending() - 1) : c.pending(), c.refusing());
        });
  }

  /** Connections not logged in yet now, from all addresses together. */
  public int pending() {
    return pendingTotal.get();
  }

  /** Open connections from {@code address} now. */
  public int openFrom(String address) {
    Counts c = byAddress.get(address);
    return c == null ? 0 : c.open();
  }
}
