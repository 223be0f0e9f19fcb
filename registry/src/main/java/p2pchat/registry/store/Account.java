package p2pchat.registry.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import p2pchat.protocol.identity.PeerId;

/**
 * A chat account: its name as registered, its password hash, the PeerIds bound to it, and the ban
 * that keeps it out, if an operator set one.
 */
public record Account(
    long id,
    String name,
    String passwordHash,
    Set<PeerId> peerIds,
    Instant created,
    Optional<Ban> ban) {
  public Account {
    peerIds = Set.copyOf(peerIds);
    Objects.requireNonNull(ban, "ban");
  }

  /** An account that is not banned. */
  public Account(long id, String name, String passwordHash, Set<PeerId> peerIds, Instant created) {
    this(id, name, passwordHash, peerIds, created, Optional.empty());
  }

  /** When an operator banned the account, and why (the reason may be empty). */
  public record Ban(Instant at, String reason) {
    public Ban {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(reason, "reason");
    }
  }

  @Override
  public String toString() {
    return "Account["
        + id
        + ", "
        + name
        + ", "
        + peerIds.size()
        + " devices"
        + (ban.isPresent() ? ", banned" : "")
        + "]";
  }
}
