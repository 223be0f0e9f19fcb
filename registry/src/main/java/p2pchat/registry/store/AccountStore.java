package p2pchat.registry.store;

import java.time.Instant;
import java.util.Optional;
import p2pchat.protocol.identity.PeerId;

/**
 * The chat accounts: names unique regardless of case, password hashes, the PeerIds bound to each
 * and the ban that keeps one out. Every method may block on the engine.
 */
public interface AccountStore {
  /** The account named {@code name}, compared case-insensitively. */
  Optional<Account> find(String name) throws StoreException;

  /**
   * Creates an account bound to {@code peerId}; throws {@link NameTakenException} if an account has
   * that name in any case.
   */
  Account create(String name, String passwordHash, PeerId peerId) throws StoreException;

  /** Binds {@code peerId} to the account (a new device); does nothing if it is bound already. */
  void addPeerId(long accountId, PeerId peerId) throws StoreException;

  /**
   * Bans account {@code name} for {@code reason} (replacing an earlier ban's reason); false if
   * there is no such account.
   */
  boolean ban(String name, String reason, Instant at) throws StoreException;

  /** Lifts the ban on account {@code name}; false if there is no such account. */
  boolean unban(String name) throws StoreException;
}
