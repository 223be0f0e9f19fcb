package p2pchat.peer.net;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts a listener's open connections per remote address, and among them those still in their TLS
 * handshake (per address and in all), so that one address cannot take every file descriptor nor
 * many addresses every handshake's memory: a connection beyond a cap is closed as soon as it is
 * accepted, before any TLS work. Together with the handshake timeout, a client that opens
 * connections and never speaks holds a few slots for a few seconds, and nobody else's.
 */
final class ListenSlots {
  /**
   * @param perAddress open connections from one address
   * @param handshakesPerAddress connections from one address still in their TLS handshake
   * @param handshakes connections still in their TLS handshake, from all addresses together
   */
  public record Settings(int perAddress, int handshakesPerAddress, int handshakes) {
    /** 64 connections per address, 16 of them in their handshake; 256 handshakes in all. */
    public static final Settings DEFAULTS = new Settings(64, 16, 256);

    public Settings {
      if (perAddress < 1 || handshakesPerAddress < 1 || handshakes < 1) {
        throw new IllegalArgumentException("connection caps must be at least 1");
      }
    }
  }

  /** Why a connection was refused; {@code first} for the first refusal of a flood (to log). */
  public record Refusal(String reason, boolean first) {}

  private record Counts(int open, int handshaking, boolean refusing) {}

  private final Settings settings;
  private final Map<String, Counts> byAddress = new ConcurrentHashMap<>();
  private final AtomicInteger handshaking = new AtomicInteger();

  /** Slots as {@code settings} say. */
  public ListenSlots(Settings settings) {
    this.settings = settings;
  }

  /**
   * Takes a slot for a new connection from {@code address}, counted as in its handshake; returns
   * the refusal instead when a cap is reached (then no slot is taken).
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
                  : counts.handshaking() >= settings.handshakesPerAddress()
                      ? settings.handshakesPerAddress()
                          + " connections from "
                          + a
                          + " are in their TLS handshake already"
                      : null;
          if (reason == null && !takeHandshake()) {
            reason = settings.handshakes() + " connections are in their TLS handshake already";
          }
          if (reason != null) {
            refusal[0] = new Refusal(reason, !counts.refusing());
            return c == null ? null : new Counts(c.open(), c.handshaking(), true);
          }
          return new Counts(counts.open() + 1, counts.handshaking() + 1, false);
        });
    return Optional.ofNullable(refusal[0]);
  }

  private boolean takeHandshake() {
    int now;
    do {
      now = handshaking.get();
      if (now >= settings.handshakes()) {
        return false;
      }
    } while (!handshaking.compareAndSet(now, now + 1));
    return true;
  }

  /** The TLS handshake of a connection from {@code address} ended (either way). */
  public void handshakeDone(String address) {
    handshaking.decrementAndGet();
    byAddress.computeIfPresent(
        address, (a, c) -> new Counts(c.open(), Math.max(0, c.handshaking() - 1), c.refusing()));
  }

  /** A connection from {@code address} closed; {@code handshaking} if its handshake never ended. */
  public void closed(String address, boolean handshaking) {
    if (handshaking) {
      this.handshaking.decrementAndGet();
    }
    byAddress.computeIfPresent(
        address,
        (a, c) -> {
          int open = c.open() - 1;
          return open <= 0
              ? null
              : new Counts(
                  open,
                  handshaking ? Math.max(0, c.handshaking() - 1) : c.handshaking(),
                  c.refusing());
        });
  }

  /** Connections in their handshake now, from all addresses. */
  public int handshaking() {
    return handshaking.get();
  }

  /** Open connections from {@code address} now. */
  public int openFrom(String address) {
    Counts c = byAddress.get(address);
    return c == null ? 0 : c.open();
  }
}
