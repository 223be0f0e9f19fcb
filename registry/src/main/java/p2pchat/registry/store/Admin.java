package p2pchat.registry.store;

import java.time.Instant;

/** An operator's identity: not a chat account, it can only log in to administer the registry. */
public record Admin(long id, String name, String passwordHash, Instant created) {
  @Override
  public String toString() {
    return "Admin[" + id + ", " + name + "]";
  }
}
