package p2pchat.registry.limits;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the open connections of each client address, and among them those not logged in yet, so
 * that one address cannot take every slot: a connection beyond either cap is closed as soon as it
 * opens. Together with the handshake and login timeouts, a client that opens connections and never
 * speaks (slowloris) holds a few slots for a few seconds, and nobody else's.
 */
public final class ConnectionSlots {
  /**
   * @param perAddress open connections from one address, logged in or not
   * @param pendingPerAddress connections from one address that have not logged in yet
   */
  public record Settings(int perAddress, int pendingPerAddress) {
    /** 50 connections per address, 20 of them not logged in yet. */
    public static final Settings DEFAULTS = new Settings(50, 20);

    public Settings {
      if (perAddress < 1 || pendingPerAddress < 1) {
        throw new IllegalArgumentException("connection caps must be at least 1");
      }
    }
  }

  /**
   * Why a new connection was refused, and whether it is the first refusal since the address had no
   * connection (so that a flood is logged once, not once per connection).
   */
  public record Refusal(String reason, boolean first) {}

  private record Counts(int open, int pending, boolean refusing) {}

  private final Settings settings;
  private final Map<String, Counts> byAddress = new ConcurrentHashMap<>();

  /** Caps as {@code settings} say. */
  public ConnectionSlots(Settings settings) {
    this.settings = settings;
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
          return new Counts(counts.open() + 1, counts.pending() + 1, counts.refusing());
        });
    return Optional.ofNullable(refusal[0]);
  }

  /** A connection from {@code address} logged in: it no longer counts as pending. */
  public void loggedIn(String address) {
    byAddress.computeIfPresent(
        address, (a, c) -> new Counts(c.open(), Math.max(0, c.pending() - 1), c.refusing()));
  }

  /** A connection from {@code address} closed; {@code pending} if it never logged in. */
  public void closed(String address, boolean pending) {
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

  /** Open connections from {@code address} now. */
  public int openFrom(String address) {
    Counts c = byAddress.get(address);
    return c == null ? 0 : c.open();
  }
}
