package p2pchat.protocol.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import p2pchat.protocol.Limits;
import p2pchat.protocol.identity.PeerId;

/**
 * Where an online user can be dialed and whom to expect there: the address the registry sees, the
 * port the peer listens on, the PeerId its session presented, and since when it is online.
 */
public record PeerInfo(String name, String host, int port, PeerId peerId, Instant since) {
  public PeerInfo {
    Checks.text(name, "name", Limits.MAX_HOST_BYTES);
    Checks.text(host, "host", Limits.MAX_HOST_BYTES);
    Checks.port(port, "port");
    Objects.requireNonNull(peerId, "peerId");
    Objects.requireNonNull(since, "since");
    // The wire carries milliseconds; keep no more, so that a decoded copy equals the original.
    since = since.truncatedTo(ChronoUnit.MILLIS);
  }
}
